namespace AutomationFleet.Core.Confidence;

/// <summary>One bot's confidence settings.</summary>
public sealed class BotConfidenceOptions
{
    /// <summary>The bot's threshold for categories not listed; falls back to the global default.</summary>
    public double? Threshold { get; set; }

    /// <summary>Thresholds per category (fitted from labelled data to meet a precision target).</summary>
    public Dictionary<string, double> Categories { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Categories that always go to a person, whatever the confidence.</summary>
    public List<string> NeverAutomatic { get; init; } = [];

    /// <summary>Categories marked urgent in the review queue.</summary>
    public List<string> Urgent { get; init; } = [];
}
