using System.Globalization;
using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Bots.FinancialAssessments.Review;

/// <summary>
/// The portal's page for an assessment in review: what stops it or why a person must look, the breakdown (capital,
/// income, allowances, the steps to the charge, each with its rule and rate), and every figure and fact of the
/// document as an editable field. On submit the figures are read and the charge worked out again on the server; the
/// approved document and its charge are what the letter is printed from. As the reviewer types, the portal asks for a
/// <see cref="Preview"/> of the draft and shows the breakdown it gives; without JavaScript the charge is worked out on
/// submit only.
/// </summary>
public sealed class FinancialAssessmentReviewForm(ChargeAssessor assessor) : IReviewFormPreview
{
    public string Bot => FinancialAssessmentBot.BotName;

    public ReviewView Present(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var evidence = Read(task);
        var tables = EvaluationTables(evidence.Problems, evidence.Breakdown);
        var alerts = evidence.ReadByOcr
            ? new[] { "This form came on paper and was read by OCR: no figure was trusted. Enter or check every figure from the form itself." }
            : null;
        return new ReviewView(tables, AssessmentFields.For(Draft(task)), alerts);
    }

    /// <summary>The draft worked out as <see cref="Correct"/> would, without the check that every field came back (a draft may be partial).</summary>
    public IReadOnlyList<EvidenceTable> Preview(ReviewTask task, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        var evaluation = AssessmentEvaluation.Of(assessor, AssessmentFields.ToDocument(values));
        return EvaluationTables(evaluation.Problems, evaluation.Breakdown);
    }

    public ReviewCorrection Correct(ReviewTask task, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        // A field that did not come back would read as a blank (a dropped income): refuse rather than work out a charge without it.
        var lost = AssessmentFields.For(Draft(task)).Select(f => f.Name).Where(n => !values.ContainsKey(n)).ToList();
        if (lost.Count > 0)
        {
            throw new ReviewFormException($"The form came back without {lost.Count} field(s) ({string.Join(", ", lost.Take(5))}); reload the page and try again.");
        }

        var document = AssessmentFields.ToDocument(values);
        var evaluation = AssessmentEvaluation.Of(assessor, document);
        if (evaluation.Breakdown is not { } breakdown)
        {
            throw new ReviewFormException($"The charge cannot be worked out yet: {string.Join("; ", evaluation.Problems)}.");
        }

        var outcome = new FinancialAssessmentOutcome(breakdown.Reference, document, breakdown.WeeklyCharge, breakdown.Year);
        return new ReviewCorrection(JsonSerializer.Serialize(outcome, FinancialAssessmentBot.JsonOptions), FinancialAssessmentDecisions.Assessed);
    }

    private static List<EvidenceTable> EvaluationTables(IReadOnlyList<string> problems, ChargeBreakdown? breakdown)
    {
        var tables = new List<EvidenceTable>();
        if (problems.Count > 0)
        {
            tables.Add(new("problems", "What stops the calculation", ["Problem"], [.. problems.Select(p => (IReadOnlyList<string>)[p])],
                "Correct the fields below; the charge is worked out again when you submit."));
        }

        if (breakdown is not null)
        {
            tables.AddRange(BreakdownTables(breakdown));
        }

        return tables;
    }

    /// <summary>The breakdown as the portal's tables: every figure with its rule and the rate it came from.</summary>
    internal static IEnumerable<EvidenceTable> BreakdownTables(ChargeBreakdown b)
    {
        yield return new("charge", "The charge", ["Figure", "Amount"],
        [
            ["Weekly charge", Money(b.WeeklyCharge)], ["Weekly cost of care", Money(b.CostOfCare)],
            ["Council pays", b.LocalAuthorityPays is { } la ? Money(la) : "-"], ["Self-funder", b.SelfFunder ? "yes" : "no"],
            ["Rates", b.Year], ["Starts", b.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        ]);
        yield return new("capital", "Capital", ["Field", "Type", "Value", "Counted", "Rule"],
            [.. b.Capital.Select(c => (IReadOnlyList<string>)[c.Field, c.Type, Money(c.Value), Money(c.Counted), c.Rule])],
            $"Assessable capital {Money(b.AssessableCapital)}; tariff income {Money(b.TariffIncome)} a week.");
        yield return new("income", "Income (weekly)", ["Field", "Type", "Given", "Weekly", "Disregarded", "Counted", "Rule", "Rate"],
            [.. b.Income.Select(i => (IReadOnlyList<string>)[i.Field, i.BenefitRate is null ? i.Type : $"{i.Type} ({i.BenefitRate})", $"{Money(i.Given)} {i.Period}", Money(i.Weekly), Money(i.Disregarded), Money(i.Counted), i.Rule, Rate(i.Rate)])],
            $"Gross {Money(b.GrossIncome)}, disregarded {Money(b.DisregardedIncome)}, assessable {Money(b.AssessableIncome)}.");
        yield return new("allowances", "Allowances (weekly)", ["Allowance", "Amount", "Rule", "Rate"],
            [.. b.Allowances.Select(a => (IReadOnlyList<string>)[a.Name, Money(a.Weekly), a.Rule, Rate(a.Rate)])],
            $"Total {Money(b.TotalAllowances)}.");
        yield return new("steps", "From the totals to the charge", ["Step", "Amount", "Rule", "Rate"],
            [.. b.Steps.Select(s => (IReadOnlyList<string>)[s.Name, Money(s.Amount), s.Rule, Rate(s.Rate)])]);
    }

    // The bot's proposal when it made one (the document as read), else the draft (a paper form, or one with problems).
    private static string Draft(ReviewTask task) =>
        task.Request.ProposalJson is { } json ? Outcome(json).Document : Read(task).Draft;

    private static FinancialAssessmentEvidence Read(ReviewTask task) =>
        JsonSerializer.Deserialize<FinancialAssessmentEvidence>(task.Request.EvidenceJson, FinancialAssessmentBot.JsonOptions)
        ?? throw new ReviewFormException("The bot left no evidence for this item.");

    private static FinancialAssessmentOutcome Outcome(string json) =>
        JsonSerializer.Deserialize<FinancialAssessmentOutcome>(json, FinancialAssessmentBot.JsonOptions) ?? throw new ReviewFormException("The proposal is empty.");

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Rate(Rates.RateUsed? rate) =>
        rate is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{rate.Name} {rate.Year} = {rate.Amount:0.00} [{rate.Tag}]");
}
