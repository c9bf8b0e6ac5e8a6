namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// A decided assessment: the document the charge was worked out from (as the bot read it or as a reviewer approved
/// it) and the charge. The delivery step works the charge out again from <see cref="Document"/> and refuses to print
/// when it differs (the rates changed in between), so a letter never shows figures nobody decided.
/// </summary>
public sealed record FinancialAssessmentOutcome(string Reference, string Document, decimal WeeklyCharge, string Year);

/// <summary>The categories of the bot's outcomes (one today: the charge is worked out).</summary>
public static class FinancialAssessmentDecisions
{
    public const string Assessed = "assessed";
}
