namespace AutomationFleet.Bots.FinancialAssessments.Assessments;

/// <summary>
/// Figures above these are not believable for one person and are most likely a slip (pence typed as pounds, an annual
/// figure marked weekly); the document is refused, naming the field, rather than a charge being worked out from them.
/// </summary>
public static class InputLimits
{
    public const decimal WeeklyIncome = 10_000m;
    public const decimal WeeklyExpense = 5_000m;
    public const decimal WeeklyCostOfCare = 20_000m;
    public const decimal Capital = 100_000_000m;
    public const int DependentChildren = 20;
    public const int Holders = 10;
    public const int OldestAge = 125;
    public const int YoungestAge = 18;
}
