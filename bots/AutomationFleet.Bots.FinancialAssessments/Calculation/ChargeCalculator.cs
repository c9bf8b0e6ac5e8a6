using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Calculation;

/// <summary>
/// The Care Act 2014 charge for one assessment (shared/spec/financial-assessment.md §3): a pure function of the case,
/// the year's rates and the council's policy, in <c>decimal</c>, rounding in the person's favour. Care at home is
/// assessed against the MIG and never the PEA; a care home against the PEA and never the MIG.
/// </summary>
public static class ChargeCalculator
{
    private const string LocalPolicyYear = "local";

    /// <summary>A care-home resident's main home is disregarded for the first 12 weeks of a permanent placement.</summary>
    private const int CareHomePropertyDisregardDays = 12 * 7;

    public static ChargeBreakdown Calculate(Assessment assessment, ChargingYear rates, LocalChargingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(policy);
        var year = FinancialYear.Of(assessment.EffectiveDate);
        if (!string.Equals(year, rates.Year, StringComparison.Ordinal))
        {
            // The caller chose the rates; a mismatch is a bug, and the charge would silently use another year's figures.
            throw new ArgumentException($"The effective date {assessment.EffectiveDate:yyyy-MM-dd} is in {year}, but the rates are {rates.Year}.", nameof(rates));
        }

        var home = assessment.Setting == CareSetting.Home;
        var steps = new List<ChargeStep>();
        var capital = CapitalLines(assessment);
        var assessableCapital = capital.Sum(c => c.Counted);
        var (tariff, selfFunder) = Tariff(assessableCapital, home, rates, policy, steps);
        var income = IncomeLines(assessment, rates, policy);
        var allowances = home ? HomeAllowances(assessment, rates, policy) : CareHomeAllowances(rates);

        var gross = income.Sum(i => i.Weekly);
        var disregarded = income.Sum(i => i.Disregarded);
        var assessable = income.Sum(i => i.Counted);
        var totalAllowances = allowances.Sum(a => a.Weekly);
        var available = assessable + tariff - totalAllowances;
        steps.Add(new ChargeStep("assessable income", assessable, "gross weekly income less disregards (CSSG Annex C)"));
        steps.Add(new ChargeStep("allowances", totalAllowances, home ? "MIG, housing costs and DRE (reg 7; Sch 1 para 4)" : "Personal Expenses Allowance (reg 6)"));
        steps.Add(new ChargeStep("available income", available, "assessable income + tariff income − allowances"));

        var charge = selfFunder ? assessment.CostOfCareWeekly : Charge(available, assessment.CostOfCareWeekly, home, policy, rates.Year, steps);
        if (selfFunder)
        {
            steps.Add(new ChargeStep("weekly charge", charge, "capital above the upper limit: the full cost of care (reg 12)"));
        }

        return new ChargeBreakdown(
            assessment.Reference,
            assessment.EffectiveDate,
            rates.Year,
            home ? "home" : "care-home",
            charge,
            selfFunder,
            assessment.CostOfCareWeekly,
            home ? null : assessment.CostOfCareWeekly - charge,
            assessableCapital,
            tariff,
            gross,
            disregarded,
            assessable,
            totalAllowances,
            available,
            capital,
            income,
            allowances,
            steps);
    }

    private static decimal Charge(decimal available, decimal cost, bool home, LocalChargingPolicy policy, string year, List<ChargeStep> steps)
    {
        var charge = Math.Max(0m, available);
        if (available < 0)
        {
            steps.Add(new ChargeStep("no negative charge", 0m, "income below allowances: nothing to pay (Care Act 2014 s.14(7))"));
        }

        if (home && policy.PercentageOfDisposableIncome < 100m)
        {
            charge = Money.Down(charge * policy.PercentageOfDisposableIncome / 100m);
            steps.Add(new ChargeStep(
                "share of disposable income", charge, "local policy: a percentage of disposable income is charged (CSSG ch. 8)",
                Local("percentageOfDisposableIncome", policy.PercentageOfDisposableIncome)));
        }

        if (charge > cost)
        {
            charge = cost;
            steps.Add(new ChargeStep("cost of care cap", charge, "the charge may not exceed the cost of meeting the needs (Care Act 2014 s.14)"));
        }

        if (home && charge > 0 && charge < policy.MinimumCharge)
        {
            charge = 0m;
            steps.Add(new ChargeStep("minimum charge", 0m, "local policy: a charge below the minimum is waived", Local("minimumCharge", policy.MinimumCharge)));
        }

        steps.Add(new ChargeStep("weekly charge", charge, "the lower of available income and the cost of care, never below £0"));
        return charge;

        RateUsed Local(string name, decimal amount) => new($"local-policy.{name}", amount, LocalPolicyYear, year);
    }

    private static List<CapitalLine> CapitalLines(Assessment assessment)
    {
        var lines = new List<CapitalLine>(assessment.Capital.Count);
        foreach (var item in assessment.Capital)
        {
            var (counted, rule) = item.Type.Treatment switch
            {
                CapitalTreatment.Counted or CapitalTreatment.Notional => (item.Amount, item.Type.Rule),
                CapitalTreatment.JointShare => (
                    Money.Down(item.Amount / item.Holders),
                    string.Create(CultureInfo.InvariantCulture, $"{item.Type.Rule}: 1/{item.Holders} of {item.Amount:0.00}")),
                CapitalTreatment.MainHome => MainHome(assessment, item),
                _ => (0m, item.Type.Rule),
            };
            lines.Add(new CapitalLine(item.Path, item.Type.Name, item.Amount, counted, rule));
        }

        return lines;
    }

    private static (decimal Counted, string Rule) MainHome(Assessment assessment, CapitalItem item)
    {
        if (assessment.Setting == CareSetting.Home)
        {
            return (0m, "main home disregarded while the person lives there (Sch 2; CSSG Annex B)");
        }

        if (item.OccupiedByPartnerOrRelative)
        {
            return (0m, "main home disregarded: occupied by a partner or qualifying relative (Sch 2; CSSG Annex B) [U relative's definition]");
        }

        // The reader insists on the admission date whenever a care-home case has a main home.
        var admitted = assessment.CareHomeAdmission!.Value;
        return assessment.EffectiveDate < admitted.AddDays(CareHomePropertyDisregardDays)
            ? (0m, string.Create(CultureInfo.InvariantCulture, $"main home disregarded in the first 12 weeks of a permanent placement, to {admitted.AddDays(CareHomePropertyDisregardDays - 1):yyyy-MM-dd} (Sch 2); offer a deferred payment agreement"))
            : (item.Amount, "main home counted after the first 12 weeks of a permanent placement (Sch 2); offer a deferred payment agreement");
    }

    private static (decimal Tariff, bool SelfFunder) Tariff(decimal capital, bool home, ChargingYear rates, LocalChargingPolicy policy, List<ChargeStep> steps)
    {
        var lower = Limit(rates.Use(RateKeys.LowerCapitalLimit), home ? policy.HomeCareLowerCapitalLimit : null, "homeCareLowerCapitalLimit");
        var upper = Limit(rates.Use(RateKeys.UpperCapitalLimit), home ? policy.HomeCareUpperCapitalLimit : null, "homeCareUpperCapitalLimit");
        var step = rates.Use(RateKeys.TariffStep);
        steps.Add(new ChargeStep("assessable capital", capital, "own capital + share of joint capital + notional capital − Sch 2 disregards"));
        steps.Add(new ChargeStep("lower capital limit", lower.Amount, "capital up to the lower limit is ignored (reg 12)", lower));
        steps.Add(new ChargeStep("upper capital limit", upper.Amount, "capital above the upper limit: the person pays the full cost (reg 12)", upper));
        if (capital > upper.Amount)
        {
            steps.Add(new ChargeStep("self-funder", 0m, "capital above the upper limit (reg 12)"));
            return (0m, true);
        }

        var tariff = capital <= lower.Amount ? 0m : decimal.Ceiling((capital - lower.Amount) / step.Amount);
        steps.Add(new ChargeStep("tariff income", tariff, "£1 a week for each £250, or part of £250, above the lower limit (reg 25)", step));
        return (tariff, false);
    }

    private static RateUsed Limit(RateUsed statutory, decimal? local, string setting) =>
        local is { } amount && amount > statutory.Amount
            ? new RateUsed($"local-policy.{setting}", amount, LocalPolicyYear, statutory.Year)
            : statutory;

    private static List<IncomeLine> IncomeLines(Assessment assessment, ChargingYear rates, LocalChargingPolicy policy)
    {
        var lines = new List<IncomeLine>(assessment.Income.Count);
        foreach (var item in assessment.Income)
        {
            var weekly = Money.Down(Money.Weekly(item.Amount, item.Frequency));
            var rule = item.Type.Rule;
            if (item.Joint)
            {
                weekly = Money.Down(weekly / 2m);
                rule = "joint income: the person's half (CSSG Annex C); " + rule;
            }

            var (disregarded, why, rate) = Disregard(item, weekly, assessment, rates, policy);
            lines.Add(new IncomeLine(
                item.Path, item.Type.Name, item.Rate, item.Amount, Period(item.Frequency), weekly, disregarded, weekly - disregarded,
                why is null ? rule : $"{rule}; {why}", rate));
        }

        return lines;
    }

    private static (decimal Disregarded, string? Why, RateUsed? Rate) Disregard(
        IncomeItem item, decimal weekly, Assessment assessment, ChargingYear rates, LocalChargingPolicy policy)
    {
        switch (item.Type.Treatment)
        {
            case IncomeTreatment.Disregarded:
                return (weekly, null, null);
            case IncomeTreatment.FirstTenPoundsDisregarded:
                return (Math.Min(weekly, 10m), null, null);
            case IncomeTreatment.SavingsCredit:
                var maximum = rates.Use(assessment.Person.Couple ? RateKeys.SavingsCreditDisregardCouple : RateKeys.SavingsCreditDisregardSingle);
                return (Math.Min(weekly, maximum.Amount), null, maximum);
            case IncomeTreatment.DisabilityCare
                when assessment.Setting == CareSetting.Home && policy.DisregardNightTimeDifference && !assessment.Person.NightCare
                    && item.Rate == item.Type.Rates[0]:
                var higher = rates.Use($"{item.Type.RatesKey}.{item.Type.Rates[0]}");
                var next = rates.Use($"{item.Type.RatesKey}.{item.Type.Rates[1]}");
                var difference = higher.Amount - next.Amount;
                return (
                    Math.Min(weekly, difference),
                    string.Create(CultureInfo.InvariantCulture, $"no night care: the difference between the {item.Type.Rates[0]} ({higher.Amount:0.00}) and {item.Type.Rates[1]} ({next.Amount:0.00}) rates disregarded (local policy)"),
                    higher);
            case IncomeTreatment.Counted when item.HalfPaidToSpouse && assessment.Setting == CareSetting.CareHome:
                return (Money.Up(weekly / 2m), "50% disregarded: paid to a spouse or civil partner at home (CSSG Annex C)", null);
            default:
                return (0m, null, null);
        }
    }

    private static List<AllowanceLine> CareHomeAllowances(ChargingYear rates)
    {
        var pea = rates.Use(RateKeys.PersonalExpensesAllowance);
        return [new AllowanceLine("Personal Expenses Allowance", pea.Amount, "reg 6", pea)];
    }

    private static List<AllowanceLine> HomeAllowances(Assessment assessment, ChargingYear rates, LocalChargingPolicy policy)
    {
        var lines = MinimumIncomeGuarantee(assessment, rates, policy);
        foreach (var cost in assessment.HousingCosts)
        {
            lines.Add(new AllowanceLine(
                $"housing: {cost.Item}", Money.Up(Money.Weekly(cost.Amount, cost.Frequency)),
                "housing costs net of Housing Benefit and council tax reduction (CSSG Annex C)", null, cost.Path));
        }

        var itemised = assessment.DisabilityRelatedExpenditure
            .Select(d => new AllowanceLine($"DRE: {d.Item}", Money.Up(Money.Weekly(d.Amount, d.Frequency)), "disability-related expenditure, itemised (Sch 1 para 4; CSSG Annex C para 40)", null, d.Path))
            .ToList();
        if (policy.FlatDreAllowance is { } flat && flat > itemised.Sum(d => d.Weekly))
        {
            // The person is allowed the higher: a standard allowance never leaves them worse off than itemising.
            lines.Add(new AllowanceLine(
                "DRE: standard allowance", flat, "local standard disability-related expenditure allowance, higher than the itemised total (Sch 1 para 4)",
                new RateUsed("local-policy.flatDreAllowance", flat, LocalPolicyYear, rates.Year)));
        }
        else
        {
            lines.AddRange(itemised);
        }

        return lines;
    }

    private static List<AllowanceLine> MinimumIncomeGuarantee(Assessment assessment, ChargingYear rates, LocalChargingPolicy policy)
    {
        var person = assessment.Person;
        var on = assessment.EffectiveDate;
        var pensionAge = Age.ReachedPensionCreditAge(person.DateOfBirth, on);
        var (baseKey, baseName) = person switch
        {
            { Couple: true } when pensionAge || Age.ReachedPensionCreditAge(person.PartnerDateOfBirth!.Value, on) =>
                (RateKeys.MigCoupleEachPensionCreditAge, "MIG: member of a couple, one or both of pension-credit age"),
            { Couple: true } => (RateKeys.MigCoupleEach18Plus, "MIG: member of a couple, 18 or over"),
            _ when pensionAge => (RateKeys.MigSinglePensionCreditAge, "MIG: single, pension-credit age or over"),
            { DependentChildren: > 0 } => (RateKeys.MigLoneParent, "MIG: lone parent, 18 or over"),
            _ when Age.InYears(person.DateOfBirth, on) < 25 => (RateKeys.MigSingle18To24, "MIG: single, 18 to 24"),
            _ => (RateKeys.MigSingle25ToPensionCreditAge, "MIG: single, 25 to pension-credit age"),
        };
        var lines = new List<AllowanceLine> { Mig(baseName, rates.Use(baseKey)) };
        if (person.Premiums.Contains(Premium.Disability))
        {
            lines.Add(Mig("MIG: disability premium", rates.Use(person.Couple ? RateKeys.MigDisabilityPremiumCoupleEach : RateKeys.MigDisabilityPremiumSingle)));
        }

        if (person.Premiums.Contains(Premium.EnhancedDisability))
        {
            lines.Add(pensionAge
                ? new AllowanceLine("MIG: enhanced disability premium", 0m, "not payable at pension-credit age (Income Support rules) [U] (reg 7)", null)
                : Mig("MIG: enhanced disability premium", rates.Use(person.Couple ? RateKeys.MigEnhancedDisabilityPremiumCoupleEach : RateKeys.MigEnhancedDisabilityPremiumSingle)));
        }

        if (person.Premiums.Contains(Premium.Carer))
        {
            lines.Add(Mig("MIG: carer premium", rates.Use(RateKeys.MigCarerPremium)));
        }

        if (person.DependentChildren > 0)
        {
            var child = rates.Use(RateKeys.MigChild);
            lines.Add(new AllowanceLine(
                string.Create(CultureInfo.InvariantCulture, $"MIG: {person.DependentChildren} dependent child(ren) × {child.Amount:0.00}"),
                child.Amount * person.DependentChildren, "reg 7: the child amount for each child in the household", child));
        }

        if (policy.MigUplift > 0)
        {
            lines.Add(new AllowanceLine(
                "MIG: local uplift", policy.MigUplift, "local policy: a higher MIG than the regulations require",
                new RateUsed("local-policy.migUplift", policy.MigUplift, LocalPolicyYear, rates.Year)));
        }

        return lines;

        static AllowanceLine Mig(string name, RateUsed rate) => new(name, rate.Amount, "Minimum Income Guarantee (reg 7)", rate);
    }

    private static string Period(Frequency frequency) => frequency switch
    {
        Frequency.Weekly => "weekly",
        Frequency.FourWeekly => "four-weekly",
        Frequency.Monthly => "monthly (× 12 / 52)",
        _ => "annual (÷ 52)",
    };
}
