using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Core.Confidence;

/// <summary>When an outcome may go straight through. Bound from the <c>Confidence</c> section.</summary>
public sealed class ConfidenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Confidence";

    /// <summary>Threshold for any bot or category not listed. Default 0.99.</summary>
    [Range(0.0, 1.0)]
    public double DefaultThreshold { get; set; } = 0.99;

    /// <summary>Per-bot settings, keyed by bot name.</summary>
    public Dictionary<string, BotConfidenceOptions> Bots { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}
