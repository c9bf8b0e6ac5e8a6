using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Calculation;

/// <summary>
/// The written record of an assessment (Care Act s.17(6)): the weekly charge and every figure it came from, each with
/// its rule and the year's rate used. All amounts are weekly pounds except capital.
/// </summary>
public sealed record ChargeBreakdown(
    string Reference,
    DateOnly EffectiveDate,
    string Year,
    string Setting,
    decimal WeeklyCharge,
    bool SelfFunder,
    decimal CostOfCare,
    decimal? LocalAuthorityPays,
    decimal AssessableCapital,
    decimal TariffIncome,
    decimal GrossIncome,
    decimal DisregardedIncome,
    decimal AssessableIncome,
    decimal TotalAllowances,
    decimal Available,
    IReadOnlyList<CapitalLine> Capital,
    IReadOnlyList<IncomeLine> Income,
    IReadOnlyList<AllowanceLine> Allowances,
    IReadOnlyList<ChargeStep> Steps)
{
    /// <summary>Every rate the figures came from, each once.</summary>
    public IEnumerable<RateUsed> RatesUsed =>
        Income.Select(i => i.Rate).Concat(Allowances.Select(a => a.Rate)).Concat(Steps.Select(s => s.Rate))
            .OfType<RateUsed>().Distinct();
}

/// <summary>One capital holding: its value, the part counted and why.</summary>
public sealed record CapitalLine(string Field, string Type, decimal Value, decimal Counted, string Rule);

/// <summary>One income: as given, converted to weekly (rounded down), the part disregarded and the part counted.</summary>
public sealed record IncomeLine(
    string Field, string Type, string? BenefitRate, decimal Given, string Period, decimal Weekly, decimal Disregarded, decimal Counted, string Rule, RateUsed? Rate);

/// <summary>One weekly allowance against income (a MIG part, PEA, a housing cost, DRE), rounded up.</summary>
public sealed record AllowanceLine(string Name, decimal Weekly, string Rule, RateUsed? Rate, string? Field = null);

/// <summary>One step from the totals to the charge (limits, tariff, available income, local policy, the cost cap).</summary>
public sealed record ChargeStep(string Name, decimal Amount, string Rule, RateUsed? Rate = null);
