using AutomationFleet.Bots.FinancialAssessments;

namespace AutomationFleet.PublicSite.Estimate;

/// <summary>
/// The financial-assessment bot's calculator (its rates and the council's local policy, loaded by the bot's own
/// registration) and the queue an application goes to. Absent when the bot is not configured: the estimate pages then say
/// the service is not available.
/// </summary>
public sealed record AssessmentIntake(ChargeAssessor Assessor, string Queue);
