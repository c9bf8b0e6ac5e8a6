namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>How a capital holding counts (spec §3.1).</summary>
public enum CapitalTreatment
{
    Counted,
    JointShare,
    MainHome,
    Notional,
    Disregarded,
}

/// <summary>A capital type as the document names it, how it counts and the rule that says so.</summary>
public sealed record CapitalType(string Name, CapitalTreatment Treatment, string Rule)
{
    private const string CountedRule = "counted capital (reg 12; CSSG Annex B)";

    public static readonly IReadOnlyList<CapitalType> All =
    [
        new("savings", CapitalTreatment.Counted, CountedRule),
        new("current-account", CapitalTreatment.Counted, CountedRule),
        new("cash", CapitalTreatment.Counted, CountedRule),
        new("isa", CapitalTreatment.Counted, CountedRule),
        new("premium-bonds", CapitalTreatment.Counted, CountedRule),
        new("shares", CapitalTreatment.Counted, CountedRule),
        new("investment", CapitalTreatment.Counted, CountedRule),
        new("other-property", CapitalTreatment.Counted, "property other than the main home, at the market value of the person's share (CSSG Annex B) [U]"),
        new("land", CapitalTreatment.Counted, "land, at the market value of the person's share (CSSG Annex B) [U]"),
        new("joint-account", CapitalTreatment.JointShare, "jointly held capital counted in equal shares (reg 27)"),
        new("main-home", CapitalTreatment.MainHome, "main home (Sch 2)"),
        new("notional", CapitalTreatment.Notional, "notional capital: deprived of to reduce the charge, counted (CSSG Annex E)"),
        new("personal-possessions", CapitalTreatment.Disregarded, "personal possessions disregarded (Sch 2)"),
        new("life-insurance", CapitalTreatment.Disregarded, "surrender value of life insurance disregarded (Sch 2)"),
        new("personal-injury-trust", CapitalTreatment.Disregarded, "personal injury trust disregarded (Sch 2)"),
    ];

    private static readonly Dictionary<string, CapitalType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static CapitalType? Find(string name) => ByName.GetValueOrDefault(name);
}
