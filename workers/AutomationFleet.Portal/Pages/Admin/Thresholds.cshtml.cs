using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Metrics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// Confidence thresholds per bot and category with the measured trade-off curve. Read-only on purpose: a threshold is
/// changed in configuration (<see cref="ConfigKey"/>), reviewed like any other change, and takes effect on the
/// workers' next start; the page shows what a proposed value would have done on reviewed items.
/// </summary>
public sealed class ThresholdsModel(IFleetMetrics metrics, IConfiguration configuration) : PageModel
{
    public IReadOnlyList<ReviewedCategory> Categories { get; private set; } = [];

    public string? Bot { get; private set; }

    public string? Category { get; private set; }

    public bool Selected { get; private set; }

    public string Configured { get; private set; } = "";

    public IReadOnlyList<ThresholdPoint> Curve { get; private set; } = [];

    public async Task OnGetAsync(string? bot, string? category, CancellationToken cancellationToken)
    {
        Categories = await metrics.GetReviewedCategoriesAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(bot))
        {
            return;
        }

        Selected = true;
        Bot = bot.Trim();
        Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        Configured = Describe(configuration.GetSection(ConfidenceOptions.SectionName).Get<ConfidenceOptions>() ?? new ConfidenceOptions());
        var samples = await metrics.GetReviewedSamplesAsync(Bot, Category, cancellationToken);
        Curve = ThresholdCurve.Compute(samples, ThresholdCurve.DefaultThresholds);
    }

    public string ConfigKey => Category is null
        ? $"Confidence:Bots:{Bot}:Threshold"
        : $"Confidence:Bots:{Bot}:Categories:{Category}";

    public static string Number(double? value) =>
        value is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "–";

    // The same order the policy uses: per category, then the bot's model's fitted value, then the bot's, then the default.
    private string Describe(ConfidenceOptions options)
    {
        options.Bots.TryGetValue(Bot!, out var botOptions);
        if (Category is not null && botOptions is not null && botOptions.NeverAutomatic.Contains(Category, StringComparer.OrdinalIgnoreCase))
        {
            return "never automatic (NeverAutomatic)";
        }

        if (Category is not null && botOptions is not null && botOptions.Categories.TryGetValue(Category, out var byCategory))
        {
            return $"{Number(byCategory)} (configured for the category)";
        }

        var fallback = botOptions?.Threshold is { } botThreshold
            ? $"{Number(botThreshold)} (the bot's threshold)"
            : $"{Number(options.DefaultThreshold)} (the fleet default)";
        return $"the bot's fitted threshold for the category if its model has one, else {fallback}";
    }
}
