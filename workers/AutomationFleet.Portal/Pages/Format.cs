using System.Globalization;

namespace AutomationFleet.Portal.Pages;

/// <summary>How the pages write times and numbers: UTC, ISO-like, invariant.</summary>
public static class Format
{
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    public static string Probability(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
