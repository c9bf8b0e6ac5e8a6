using System.Globalization;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;

namespace AutomationFleet.Bots.FinancialAssessments.Review;

/// <summary>
/// Why an assessment that could be worked out must still go to a person (issue 10 §3), one sentence a reason, each
/// naming the figure or field; none when the charge can go straight out. A pure function of the case, its breakdown
/// and the settings. The fleet keeps no assessment history, so "the charge changed since the last assessment" compares
/// with the previous charge the council's system puts in the document, when it does.
/// </summary>
public static class AssessmentReviewRules
{
    private static readonly string[] PropertyTypes = ["main-home", "other-property", "land"];

    private static readonly string[] UnrecognisedIncomeTypes = ["other-income", "other-benefit"];

    public static IReadOnlyList<string> Check(Assessment assessment, ChargeBreakdown breakdown, FinancialAssessmentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(options);
        var reasons = new List<string>();
        if (assessment.SelfDeclared)
        {
            reasons.Add("Self-declared: the person applied on the public site with figures they typed and no evidence. Ask for proof of each income, holding and cost before deciding.");
        }

        var unevidenced = assessment.Income.Where(i => !i.Evidenced).Select(i => $"{i.Path} ({i.Type.Name})")
            .Concat(assessment.Capital.Where(c => !c.Evidenced).Select(c => $"{c.Path} ({c.Type.Name})")).ToList();
        if (unevidenced.Count > 0)
        {
            reasons.Add($"Missing evidence: no proof came with {string.Join(", ", unevidenced)}.");
        }

        foreach (var limit in breakdown.Steps.Where(s => s.Name is "lower capital limit" or "upper capital limit"))
        {
            var distance = Math.Abs(breakdown.AssessableCapital - limit.Amount);
            if (distance <= options.CapitalMargin)
            {
                reasons.Add(Invariant(
                    $"Capital of £{breakdown.AssessableCapital:N2} is within £{options.CapitalMargin:N2} of the {limit.Name} (£{limit.Amount:N2}): check the balances, a small error moves the charge a lot here."));
            }
        }

        var property = assessment.Capital.Where(c => PropertyTypes.Contains(c.Type.Name)).Select(c => $"{c.Path} ({c.Type.Name})").ToList();
        if (property.Count > 0)
        {
            reasons.Add($"Property owned: {string.Join(", ", property)}; check its value, who lives there and the disregards (and offer a deferred payment agreement in a care home).");
        }

        var notional = assessment.Capital.Where(c => c.Type.Treatment == CapitalTreatment.Notional).Select(c => c.Path).ToList();
        var since = assessment.EffectiveDate.AddYears(-options.DeprivationLookbackYears);
        var disposals = (assessment.Disposals ?? []).Where(d => d.Date >= since).ToList();
        if (notional.Count > 0 || disposals.Count > 0)
        {
            var what = notional.Select(n => $"notional capital at {n}")
                .Concat(disposals.Select(d => Invariant($"£{d.Amount:N2} given away or spent on {d.Date:yyyy-MM-dd} ({d.Path})")));
            reasons.Add($"Signs of deprivation of assets (CSSG Annex E): {string.Join("; ", what)}.");
        }

        var unrecognised = assessment.Income.Where(i => UnrecognisedIncomeTypes.Contains(i.Type.Name)).Select(i => i.Path).ToList();
        if (unrecognised.Count > 0)
        {
            reasons.Add($"An income the bot does not recognise ({string.Join(", ", unrecognised)}): a person decides whether and how much of it counts.");
        }

        if (assessment.Previous is { } previous && Math.Abs(breakdown.WeeklyCharge - previous.WeeklyCharge) > options.ChargeChangeThreshold)
        {
            var change = breakdown.WeeklyCharge - previous.WeeklyCharge;
            reasons.Add(Invariant(
                $"The charge changed by more than £{options.ChargeChangeThreshold:N2} a week since the last assessment: £{breakdown.WeeklyCharge:N2} now, £{previous.WeeklyCharge:N2} from {previous.EffectiveDate:yyyy-MM-dd}, {(change > 0 ? "up" : "down")} £{Math.Abs(change):N2} a week. Check what changed before the letter goes."));
        }

        reasons.AddRange(Inconsistencies(assessment));
        return reasons;
    }

    /// <summary>Data that contradicts itself: the reader takes each field alone; these are the ones that disagree with each other.</summary>
    private static IEnumerable<string> Inconsistencies(Assessment assessment)
    {
        var person = assessment.Person;
        if (assessment.Setting == CareSetting.CareHome && assessment.DisabilityRelatedExpenditure.Count + assessment.HousingCosts.Count > 0)
        {
            yield return "Inconsistent data: a care-home resident with disability-related expenditure or housing costs, which only care at home allows.";
        }

        if (assessment.Setting == CareSetting.Home && assessment.CareHomeAdmission is not null)
        {
            yield return "Inconsistent data: care at home, but a care-home admission date is given.";
        }

        if (!person.Couple && person.Premiums.Contains(Premium.Carer) && person.DependentChildren == 0 && assessment.Setting == CareSetting.CareHome)
        {
            yield return "Inconsistent data: a carer premium for a single care-home resident with no dependent children.";
        }

        var duplicates = assessment.Income.GroupBy(i => (i.Type.Name, i.Amount)).Where(g => g.Count() > 1 && g.Key.Name != "other-income").Select(g => g.First().Type.Name).ToList();
        if (duplicates.Count > 0)
        {
            yield return $"Inconsistent data: the same income entered twice ({string.Join(", ", duplicates)}).";
        }

        var benefits = assessment.Income.Where(i => i.Type.Treatment == IncomeTreatment.DisabilityCare).Select(i => i.Type.Name).Distinct().ToList();
        if (benefits.Count > 1)
        {
            yield return $"Inconsistent data: more than one disability care benefit ({string.Join(", ", benefits)}); a person gets one of them.";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
