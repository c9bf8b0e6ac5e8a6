namespace AutomationFleet.Matching.Normalisation;

/// <summary>E-mail addresses in compared form: trimmed, lower case; "" when there is no @.</summary>
public static class EmailAddress
{
    /// <summary>The normalised address.</summary>
    public static string Normalise(string? text)
    {
        var trimmed = text?.Trim().ToLowerInvariant() ?? "";
        return trimmed.Contains('@', StringComparison.Ordinal) ? trimmed : "";
    }
}
