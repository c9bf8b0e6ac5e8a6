namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>A rate a breakdown figure came from: its name in the year's file (or <c>local-policy.*</c>), amount, tag and year.</summary>
public sealed record RateUsed(string Name, decimal Amount, string Tag, string Year);
