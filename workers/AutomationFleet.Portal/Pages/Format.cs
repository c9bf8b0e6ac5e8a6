using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutomationFleet.Portal.Pages;

/// <summary>How the pages write times, numbers and JSON: UTC, ISO-like, invariant.</summary>
public static class Format
{
    /// <summary>
    /// JSON as people read it: indented, and with apostrophes, accents and the like as themselves rather than \u escapes.
    /// Razor HTML-encodes whatever the pages write, so the relaxed escaping is safe there.
    /// </summary>
    public static JsonSerializerOptions ReadableJson { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "";

    public static string Probability(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
