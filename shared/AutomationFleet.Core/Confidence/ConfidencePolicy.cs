using AutomationFleet.Core.Bots;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Confidence;

/// <summary>
/// Decides whether a bot's proposal goes straight through or to a person. Applied by the runner,
/// never by a bot, so every bot is held to the same configured thresholds and rules.
/// </summary>
public sealed class ConfidencePolicy(IOptionsMonitor<ConfidenceOptions> options)
{
    /// <summary>Evaluates one proposal of one bot.</summary>
    public PolicyVerdict Evaluate(string bot, BotDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var current = options.CurrentValue;
        current.Bots.TryGetValue(bot, out var botOptions);
        var category = decision.Category;
        var threshold = ThresholdFor(current, botOptions, category, decision.FittedThreshold);
        var urgent = decision.Urgent || (category is not null && (botOptions?.Urgent.Contains(category, StringComparer.OrdinalIgnoreCase) ?? false));

        var reasons = new List<string>();
        if (decision.Kind == BotDecisionKind.NeedsPerson)
        {
            reasons.AddRange(decision.Reasons);
        }
        else
        {
            if (category is not null && (botOptions?.NeverAutomatic.Contains(category, StringComparer.OrdinalIgnoreCase) ?? false))
            {
                reasons.Add($"Category '{category}' is never automatic.");
            }

            if (decision.Confidence < threshold)
            {
                reasons.Add($"Confidence {decision.Confidence:0.000} is below the threshold {threshold:0.000} for {bot}/{category ?? "*"}.");
            }

            if (decision.Urgent)
            {
                reasons.AddRange(decision.Reasons);
            }
        }

        return new PolicyVerdict(reasons.Count == 0, threshold, reasons, urgent);
    }

    // Configured per category, else fitted by the bot's model for the category, else the bot's, else the global one.
    private static double ThresholdFor(ConfidenceOptions options, BotConfidenceOptions? botOptions, string? category, double? fitted)
    {
        if (category is not null && botOptions is not null && botOptions.Categories.TryGetValue(category, out var byCategory))
        {
            return byCategory;
        }

        if (fitted is { } fittedThreshold && !double.IsNaN(fittedThreshold))
        {
            return fittedThreshold;
        }

        return botOptions?.Threshold ?? options.DefaultThreshold;
    }
}
