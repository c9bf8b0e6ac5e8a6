using System.Globalization;

namespace AutomationFleet.Core.Confidence;

/// <summary>What an override may be: checked by the portal and the CLI before anything is written.</summary>
public static class ThresholdOverrideRules
{
    /// <summary>The longest reason accepted.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Null if <paramref name="threshold"/> may be set for the bot and category under <paramref name="options"/>;
    /// otherwise why not, as one sentence a person can act on. A category configured <c>NeverAutomatic</c> refuses any
    /// override: its items always go to a person, and a threshold must not look as if it could change that.
    /// </summary>
    public static string? Problem(ConfidenceOptions options, string bot, string? category, double threshold)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(bot) || bot.Length > 200 || bot.Any(char.IsControl))
        {
            return "The bot must be named (up to 200 printable characters).";
        }

        if (category is not null && (category.Length is 0 or > 200 || category.Any(char.IsControl)))
        {
            return "The category must be up to 200 printable characters, or left out for the bot's own threshold.";
        }

        if (double.IsNaN(threshold) || threshold is < 0 or > 1)
        {
            return $"The threshold must be between 0 and 1; {threshold.ToString(CultureInfo.InvariantCulture)} is not.";
        }

        if (category is not null && options.Bots.TryGetValue(bot, out var botOptions)
            && botOptions.NeverAutomatic.Contains(category, StringComparer.OrdinalIgnoreCase))
        {
            return $"Category '{category}' of {bot} is never automatic ({ConfidenceOptions.SectionName}:Bots:{bot}:NeverAutomatic): "
                + "its items always go to a person, and no threshold can make them automatic. Change the configuration if that rule is wrong.";
        }

        return null;
    }

    /// <summary>Null if the reason is acceptable (given, at most <see cref="MaxReasonLength"/> characters); otherwise why not.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "A reason is required: it is kept in the security audit."
        : reason.Trim().Length > MaxReasonLength ? $"The reason must be at most {MaxReasonLength} characters."
        : null;
}
