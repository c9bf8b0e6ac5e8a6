using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Calculation;
using AutomationFleet.Bots.FinancialAssessments.Rates;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// Reads an assessment document, picks the rates of its effective date's year and works out the charge: what
/// <c>fleet assess</c> and the bot both do. A year with no rates is an input error naming <c>effectiveDate</c>.
/// </summary>
public sealed class ChargeAssessor(ChargingRates rates, LocalChargingPolicy policy)
{
    public ChargingRates Rates { get; } = rates;

    public LocalChargingPolicy Policy { get; } = policy;

    public ChargeBreakdown Assess(string json) => Assess(AssessmentReader.Read(json));

    public ChargeBreakdown Assess(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ChargingYear year;
        try
        {
            year = Rates.For(assessment.EffectiveDate);
        }
        catch (UnknownChargingYearException exception)
        {
            throw new AssessmentInputException([new InputError("effectiveDate", exception.Message)]);
        }

        return ChargeCalculator.Calculate(assessment, year, Policy);
    }
}
