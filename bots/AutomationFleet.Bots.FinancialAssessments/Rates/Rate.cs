namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>
/// One figure of a year's rates, with the spec's confidence tag: <c>C</c> confirmed, <c>D</c> derived, <c>U</c>
/// unconfirmed (shared/spec/financial-assessment.md). A null amount is a figure nobody has found; an assessment that
/// needs it stops (<see cref="ChargingRatesException"/>) rather than guess.
/// </summary>
public sealed record Rate(string Name, decimal? Amount, string Tag, string? Note);
