using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using CsCheck;

namespace AutomationFleet.Bots.FinancialAssessments.Tests.Calculation;

/// <summary>Properties over generated cases: every shipped year, both settings, random local policies.</summary>
public sealed class ChargeCalculatorPropertyTests
{
    private const int Iterations = 3_000;

    private static readonly string[] IncomeTypes =
        ["state-pension", "occupational-pension", "universal-credit", "pension-credit", "earnings", "pip-mobility", "savings-credit", "war-widows-pension", "attendance-allowance", "pip-daily-living", "dla-care", "child-benefit"];

    private static readonly string[] CapitalTypes = ["savings", "joint-account", "notional", "main-home", "isa", "personal-possessions"];

    private static readonly Gen<decimal> Pence = Gen.Int[0, 60_000].Select(p => p / 100m);

    private static readonly Gen<IncomeItem> Income =
        Gen.Select(Gen.OneOf(IncomeTypes), Pence, Gen.Enum<Frequency>(), Gen.Bool, Gen.Bool, Gen.Int[0, 2])
            .Select((name, amount, frequency, joint, half, rate) =>
            {
                var type = IncomeType.Find(name)!;
                var r = type.Rates.Length == 0 ? null : type.Rates[rate % type.Rates.Length];
                return new IncomeItem("income[0]", type, r, amount, frequency, joint, half && type.Pension);
            });

    private static readonly Gen<CapitalItem> Capital =
        Gen.Select(Gen.OneOf(CapitalTypes), Gen.Int[0, 3_000_000].Select(p => p / 100m), Gen.Int[2, 4], Gen.Bool)
            .Select((name, amount, holders, occupied) =>
            {
                var type = CapitalType.Find(name)!;
                return new CapitalItem("capital[0]", type, amount, holders, occupied && type.Treatment == CapitalTreatment.MainHome);
            });

    private static readonly Gen<ExpenseItem> Expense =
        Gen.Select(Gen.Int[0, 10_000].Select(p => p / 100m), Gen.Enum<Frequency>()).Select((amount, frequency) => new ExpenseItem("e[0]", "item", amount, frequency));

    private static readonly Gen<LocalChargingPolicy> Policy =
        Gen.Select(Gen.Int[0, 2_000], Gen.Int[-1, 2_000], Gen.Bool, Gen.Int[0, 500], Gen.OneOf(100m, 90m, 50m), Gen.Bool)
            .Select((uplift, flat, night, minimum, percent, higherLimits) => new LocalChargingPolicy
            {
                MigUplift = uplift / 100m,
                FlatDreAllowance = flat < 0 ? null : flat / 100m,
                DisregardNightTimeDifference = night,
                MinimumCharge = minimum / 100m,
                PercentageOfDisposableIncome = percent,
                HomeCareLowerCapitalLimit = higherLimits ? 20_000m : null,
                HomeCareUpperCapitalLimit = higherLimits ? 30_000m : null,
            });

    private static readonly Gen<Assessment> Case =
        Gen.Select(
                Gen.OneOf(TestRates.Shipped.Years.ToArray()),
                Gen.Int[0, 364],
                Gen.Bool,
                Gen.Int[18 * 365, 100 * 365],
                Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 2], Gen.Bool),
                Income.List[0, 6],
                Capital.List[0, 3],
                Gen.Select(Expense.List[0, 2], Expense.List[0, 2], Gen.Int[0, 200_000], Gen.Int[0, 200]))
            .Select((year, day, home, ageDays, person, income, capital, rest) =>
            {
                var on = FinancialYear.StartOf(year).AddDays(day);
                // 2026-27 has no carer premium, child amount or Savings Credit disregard yet: cases needing them stop by
                // design (ChargingRatesTests), so they are not generated for that year.
                var known = year != "2026-27";
                var premiums = new HashSet<Premium>();
                if (person.Item1) premiums.Add(Premium.Disability);
                if (person.Item2) premiums.Add(Premium.EnhancedDisability);
                if (person.Item3 && known) premiums.Add(Premium.Carer);
                var who = new AssessedPerson(on.AddDays(-ageDays), false, null, premiums, person.Item5, known ? person.Item4 : 0);
                return new Assessment(
                    "P", on, home ? CareSetting.Home : CareSetting.CareHome, who,
                    Renumber(known ? income : [.. income.Where(i => i.Type.Treatment != IncomeTreatment.SavingsCredit)], "income"), capital,
                    rest.Item1, rest.Item2, rest.Item3 / 100m, on.AddDays(-rest.Item4));
            });

    [Fact]
    public void Calculate_AnyCase_ChargeNeverNegativeNorAboveCostOfCare()
    {
        Gen.Select(Case, Policy).Sample((a, policy) =>
        {
            var b = Calculate(a, policy);
            return b.WeeklyCharge >= 0 && b.WeeklyCharge <= a.CostOfCareWeekly && decimal.Round(b.WeeklyCharge, 2) == b.WeeklyCharge;
        }, iter: Iterations);
    }

    [Fact]
    public void Calculate_MoreOfOneIncome_ChargeNeverLower()
    {
        Gen.Select(Case, Policy, Gen.Int[0, 10], Pence).Sample((a, policy, index, more) =>
        {
            if (a.Income.Count == 0)
            {
                return true;
            }

            var i = index % a.Income.Count;
            var richer = a with { Income = [.. a.Income.Select((item, j) => j == i ? item with { Amount = item.Amount + more } : item)] };
            return Calculate(richer, policy).WeeklyCharge >= Calculate(a, policy).WeeklyCharge;
        }, iter: Iterations);
    }

    [Fact]
    public void Calculate_MoreCapital_ChargeNeverLower()
    {
        Gen.Select(Case, Policy, Gen.Int[0, 1_500_000].Select(p => p / 100m), Gen.Int[0, 10]).Sample((a, policy, more, index) =>
        {
            var richer = a.Capital.Count == 0 || index >= a.Capital.Count
                ? a with { Capital = [.. a.Capital, new CapitalItem("capital[9]", CapitalType.Find("savings")!, more, 2, false)] }
                : a with { Capital = [.. a.Capital.Select((item, j) => j == index ? item with { Amount = item.Amount + more } : item)] };
            return Calculate(richer, policy).WeeklyCharge >= Calculate(a, policy).WeeklyCharge;
        }, iter: Iterations);
    }

    [Fact]
    public void Assess_AnyEffectiveDate_UsesThatYearsRatesOnly()
    {
        Gen.Select(Case, Policy).Sample((a, policy) =>
        {
            var b = new ChargeAssessor(TestRates.Shipped, policy).Assess(a);
            var year = FinancialYear.Of(a.EffectiveDate);
            var file = TestRates.For(year);
            return b.Year == year
                && b.RatesUsed.All(r => r.Year == year)
                && b.RatesUsed.Where(r => r.Tag != "local").All(r => file.Rates[r.Name].Amount == r.Amount);
        }, iter: Iterations);
    }

    [Fact]
    public void Calculate_AnyCase_CareHomeNeverMigAndHomeNeverPea()
    {
        Gen.Select(Case, Policy).Sample((a, policy) =>
        {
            var names = Calculate(a, policy).RatesUsed.Select(r => r.Name).ToList();
            return a.Setting == CareSetting.CareHome
                ? !names.Any(n => n.StartsWith(RateKeys.MigPrefix, StringComparison.Ordinal) || n == "local-policy.migUplift") && names.Contains(RateKeys.PersonalExpensesAllowance)
                : !names.Contains(RateKeys.PersonalExpensesAllowance) && names.Any(n => n.StartsWith(RateKeys.MigPrefix, StringComparison.Ordinal));
        }, iter: Iterations);
    }

    private static ChargeBreakdown Calculate(Assessment a, LocalChargingPolicy policy) =>
        ChargeCalculator.Calculate(a, TestRates.Shipped.For(a.EffectiveDate), policy);

    private static List<IncomeItem> Renumber(List<IncomeItem> items, string name) =>
        [.. items.Select((item, i) => item with { Path = $"{name}[{i}]" })];
}
