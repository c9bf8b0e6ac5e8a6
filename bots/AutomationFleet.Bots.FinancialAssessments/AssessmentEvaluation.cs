using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// A document read and worked out, or what stops it: every input problem (each naming its field) or a rate the year
/// lacks. What the bot, the review form and the print step each do with a document, in one place.
/// </summary>
public sealed record AssessmentEvaluation(Assessment? Assessment, ChargeBreakdown? Breakdown, IReadOnlyList<string> Problems)
{
    public static AssessmentEvaluation Of(ChargeAssessor assessor, string document)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        try
        {
            var assessment = AssessmentReader.Read(document);
            return new AssessmentEvaluation(assessment, assessor.Assess(assessment), []);
        }
        catch (AssessmentInputException exception)
        {
            return new AssessmentEvaluation(null, null, [.. exception.Errors.Select(e => e.ToString())]);
        }
        catch (ChargingRatesException exception)
        {
            return new AssessmentEvaluation(null, null, [exception.Message]);
        }
    }
}
