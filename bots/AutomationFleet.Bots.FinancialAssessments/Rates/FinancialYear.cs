using System.Globalization;

namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>The charging year runs from 6 April to 5 April (spec §6): MIG and PEA apply from 6 April.</summary>
public static class FinancialYear
{
    /// <summary>The year's name as the rates files use it, e.g. <c>2025-26</c> for 6 April 2025 to 5 April 2026.</summary>
    public static string Of(DateOnly date)
    {
        var start = date >= new DateOnly(date.Year, 4, 6) ? date.Year : date.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{(start + 1) % 100:00}");
    }

    /// <summary>The first day of the year named <paramref name="year"/>.</summary>
    public static DateOnly StartOf(string year) =>
        new(int.Parse(year.AsSpan(0, 4), CultureInfo.InvariantCulture), 4, 6);
}
