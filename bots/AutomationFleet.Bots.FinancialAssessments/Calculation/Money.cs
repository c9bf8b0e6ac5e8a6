namespace AutomationFleet.Bots.FinancialAssessments.Calculation;

/// <summary>
/// Rounding in the person's favour (reg 11 [U wording]): what counts against them (income, capital, the charge) is
/// rounded down to the penny, what is allowed them (allowances, expenses, disregards) up.
/// </summary>
public static class Money
{
    public static decimal Down(decimal amount) => decimal.Floor(amount * 100m) / 100m;

    public static decimal Up(decimal amount) => decimal.Ceiling(amount * 100m) / 100m;

    /// <summary>A monthly, four-weekly or annual amount as weekly (spec §3.2: monthly × 12 / 52), unrounded.</summary>
    public static decimal Weekly(decimal amount, Assessments.Frequency frequency) => frequency switch
    {
        Assessments.Frequency.Weekly => amount,
        Assessments.Frequency.FourWeekly => amount / 4m,
        Assessments.Frequency.Monthly => amount * 12m / 52m,
        Assessments.Frequency.Annual => amount / 52m,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
    };
}
