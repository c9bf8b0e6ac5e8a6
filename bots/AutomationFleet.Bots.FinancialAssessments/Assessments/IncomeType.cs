using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>How an income counts (spec §3.2).</summary>
public enum IncomeTreatment
{
    Counted,
    Disregarded,
    SavingsCredit,
    FirstTenPoundsDisregarded,
    DisabilityCare,
}

/// <summary>
/// An income type as the document names it (<c>"type"</c>), how it counts and the rule that says so. For a disability
/// benefit's care component, <see cref="RatesKey"/> is where its rates sit in the year's file and <see cref="Rates"/>
/// the rates it is paid at, highest first (the night-time difference is the highest minus the next).
/// </summary>
public sealed record IncomeType(string Name, IncomeTreatment Treatment, string Rule, bool Pension = false, string? RatesKey = null, params string[] Rates)
{
    private const string CountedRule = "counted in full (CSSG Annex C)";

    public static readonly IReadOnlyList<IncomeType> All =
    [
        new("state-pension", IncomeTreatment.Counted, CountedRule, Pension: true),
        new("occupational-pension", IncomeTreatment.Counted, CountedRule, Pension: true),
        new("personal-pension", IncomeTreatment.Counted, CountedRule, Pension: true),
        new("annuity", IncomeTreatment.Counted, CountedRule),
        new("pension-credit", IncomeTreatment.Counted, CountedRule + "; guarantee credit"),
        new("universal-credit", IncomeTreatment.Counted, CountedRule),
        new("employment-and-support-allowance", IncomeTreatment.Counted, CountedRule),
        new("jobseekers-allowance", IncomeTreatment.Counted, CountedRule),
        new("income-support", IncomeTreatment.Counted, CountedRule),
        new("carers-allowance", IncomeTreatment.Counted, CountedRule),
        new("war-pension-constant-attendance-allowance", IncomeTreatment.Counted, "counted: Constant Attendance Allowance is the War Pension Scheme payment that is not disregarded (Sch 1)"),
        new("rental-income", IncomeTreatment.Counted, CountedRule),
        new("other-benefit", IncomeTreatment.Counted, CountedRule),
        new("other-income", IncomeTreatment.Counted, CountedRule),
        new("attendance-allowance", IncomeTreatment.DisabilityCare, "disability benefit counted; DRE must then be allowed (Sch 1 para 4)", RatesKey: RateKeys.AttendanceAllowance, Rates: ["higher", "lower"]),
        new("dla-care", IncomeTreatment.DisabilityCare, "disability benefit counted; DRE must then be allowed (Sch 1 para 4)", RatesKey: RateKeys.DlaCare, Rates: ["highest", "middle", "lowest"]),
        new("pip-daily-living", IncomeTreatment.DisabilityCare, "disability benefit counted; DRE must then be allowed (Sch 1 para 4)", RatesKey: RateKeys.PipDailyLiving, Rates: ["enhanced", "standard"]),
        new("savings-credit", IncomeTreatment.SavingsCredit, "Savings Credit disregarded up to the year's maximum (Sch 1 para 40)"),
        new("war-widows-pension", IncomeTreatment.FirstTenPoundsDisregarded, "first £10 of a War Widow's Pension disregarded (Sch 1)"),
        new("earnings", IncomeTreatment.Disregarded, "earnings disregarded (reg 14)"),
        new("pip-mobility", IncomeTreatment.Disregarded, "mobility component disregarded (Sch 1 para 8)", Rates: ["enhanced", "standard"]),
        new("dla-mobility", IncomeTreatment.Disregarded, "mobility component disregarded (Sch 1 para 8)", Rates: ["higher", "lower"]),
        new("war-pension", IncomeTreatment.Disregarded, "War Pension Scheme payments disregarded, except Constant Attendance Allowance (Sch 1)"),
        new("afcs-guaranteed-income-payment", IncomeTreatment.Disregarded, "AFCS Guaranteed Income Payment disregarded (Sch 1)"),
        new("direct-payment", IncomeTreatment.Disregarded, "direct payments disregarded (Sch 1)"),
        new("savings-interest", IncomeTreatment.Disregarded, "actual interest disregarded: tariff income replaces it (reg 25) [U]"),
        new("child-benefit", IncomeTreatment.Disregarded, "Child Benefit disregarded (Sch 1) [U]"),
        new("child-tax-credit", IncomeTreatment.Disregarded, "Child Tax Credit disregarded (Sch 1) [U]"),
        new("housing-benefit", IncomeTreatment.Disregarded, "Housing Benefit disregarded: housing costs are allowed net of it (CSSG Annex C)"),
    ];

    private static readonly Dictionary<string, IncomeType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static IncomeType? Find(string name) => ByName.GetValueOrDefault(name);
}
