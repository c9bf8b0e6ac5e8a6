using AutomationFleet.Core.Bots;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Confidence;

/// <summary>
/// Decides whether a bot's proposal goes straight through or to a person. Applied by the runner,
/// never by a bot, so every bot is held to the same configured thresholds and rules. Thresholds come from
/// configuration, replaced where an administrator set an override in the store (<see cref="ThresholdOverrideSource"/>).
/// </summary>
/// <param name="options">The configured thresholds and rules.</param>
/// <param name="overrides">The store's overrides; without one, configuration alone decides.</param>
public sealed class ConfidencePolicy(IOptionsMonitor<ConfidenceOptions> options, ThresholdOverrideSource? overrides = null)
{
    /// <summary>Evaluates one proposal of one bot with the overrides in force (read again when the cached ones are stale).</summary>
    public async ValueTask<PolicyVerdict> EvaluateAsync(string bot, BotDecision decision, CancellationToken cancellationToken)
    {
        var set = overrides is null ? ThresholdOverrideSet.Empty : await overrides.GetAsync(cancellationToken);
        return Evaluate(bot, decision, set);
    }

    /// <summary>Evaluates one proposal of one bot with the overrides last read (never reads the store).</summary>
    public PolicyVerdict Evaluate(string bot, BotDecision decision) => Evaluate(bot, decision, overrides?.Current ?? ThresholdOverrideSet.Empty);

    /// <summary>Evaluates one proposal of one bot with the overrides given.</summary>
    public PolicyVerdict Evaluate(string bot, BotDecision decision, ThresholdOverrideSet thresholdOverrides)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(thresholdOverrides);
        var current = options.CurrentValue;
        current.Bots.TryGetValue(bot, out var botOptions);
        var category = decision.Category;
        var threshold = ThresholdFor(current, botOptions, thresholdOverrides, bot, category, decision.FittedThreshold);
        var urgent = decision.Urgent || (category is not null && (botOptions?.Urgent.Contains(category, StringComparer.OrdinalIgnoreCase) ?? false));

        var reasons = new List<string>();
        if (decision.Kind == BotDecisionKind.NeedsPerson)
        {
            reasons.AddRange(decision.Reasons);
        }
        else
        {
            // Checked apart from the threshold, so no override can make a never-automatic category automatic.
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

    // Overridden or configured per category, else fitted by the bot's model for the category, else the bot's own
    // (overridden or configured), else the global one. An override takes the place of the setting it names.
    private static double ThresholdFor(
        ConfidenceOptions options, BotConfidenceOptions? botOptions, ThresholdOverrideSet overrides, string bot, string? category, double? fitted)
    {
        if (category is not null && overrides.Find(bot, category) is { } categoryOverride)
        {
            return categoryOverride.Threshold;
        }

        if (category is not null && botOptions is not null && botOptions.Categories.TryGetValue(category, out var byCategory))
        {
            return byCategory;
        }

        if (fitted is { } fittedThreshold && !double.IsNaN(fittedThreshold))
        {
            return fittedThreshold;
        }

        if (overrides.Find(bot, null) is { } botOverride)
        {
            return botOverride.Threshold;
        }

        return botOptions?.Threshold ?? options.DefaultThreshold;
    }
}
