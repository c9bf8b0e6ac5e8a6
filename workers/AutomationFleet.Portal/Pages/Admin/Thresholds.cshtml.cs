using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Pages.Admin;

/// <summary>
/// Confidence thresholds per bot and category: the value in force, the measured trade-off curve, and overrides.
/// An administrator proposes a threshold (GET: what it would have done on the reviewed items), then applies it with a
/// reason (POST, anti-forgery checked); the store keeps the override and audits it, and the running fleet's policy
/// reads it within <see cref="ThresholdOverrideSource.DefaultCacheDuration"/>. Configuration stays the default:
/// clearing an override goes back to it. A category configured never automatic refuses any override.
/// </summary>
public sealed class ThresholdsModel(
    IFleetMetrics metrics, IUserStore users, IConfiguration configuration, IServiceProvider services, Portal.Admin.FleetBots fleetBots) : PageModel
{
    /// <summary>The bots the propose form offers: the fleet's, the configured, the reviewed and the overridden.</summary>
    public IReadOnlyList<string> BotChoices { get; private set; } = [];

    /// <summary>Per bot, the categories the form offers: configured (thresholds and never-automatic), reviewed, overridden.</summary>
    public IReadOnlyList<(string Bot, IReadOnlyList<string> Categories)> CategoryChoices { get; private set; } = [];

    private const int HistoryLimit = 20;

    private readonly IThresholdOverrideStore? _overrides = services.GetService<IThresholdOverrideStore>();

    public IReadOnlyList<ReviewedCategory> Categories { get; private set; } = [];

    public IReadOnlyList<ThresholdOverride> Overrides { get; private set; } = [];

    public IReadOnlyList<SecurityAuditEntry> History { get; private set; } = [];

    public bool OverridesAvailable => _overrides is not null;

    public string? Bot { get; private set; }

    public string? Category { get; private set; }

    public bool Selected { get; private set; }

    public string Configured { get; private set; } = "";

    public IReadOnlyList<ThresholdPoint> Curve { get; private set; } = [];

    /// <summary>The proposed threshold as typed (kept on the form), and its value once parsed.</summary>
    public string? ProposedText { get; private set; }

    public double? Proposed { get; private set; }

    public ThresholdProposal? Proposal { get; private set; }

    /// <summary>Why the proposal cannot be applied (bad value, never automatic), shown instead of the apply form.</summary>
    public string? Problem { get; private set; }

    /// <summary>For a bot's own threshold: the categories whose reviewed items were counted.</summary>
    public IReadOnlyList<string> CountedCategories { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? bot, string? category, string? proposed, CancellationToken cancellationToken)
    {
        await LoadAsync(bot, category, proposed, cancellationToken);
    }

    public async Task<IActionResult> OnPostApplyAsync(string? bot, string? category, string? proposed, string? reason, CancellationToken cancellationToken)
    {
        if (_overrides is null)
        {
            return NotFound();
        }

        await LoadAsync(bot, category, proposed, cancellationToken);
        Problem ??= Bot is null ? "Name the bot." : Proposed is null ? "Give the threshold, between 0 and 1." : ThresholdOverrideRules.ReasonProblem(reason);
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var previous = await _overrides.SetThresholdOverrideAsync(Bot!, Category, Proposed!.Value, Actor, reason!.Trim(), cancellationToken);
        InvalidateLocalSource();
        Message = $"Applied: {Name(Bot!, Category)} is now {Number(Proposed.Value)} (was {(previous is null ? "the configured value" : "override " + Number(previous.Threshold))}). "
            + $"The running fleet uses it within {ThresholdOverrideSource.DefaultCacheDuration.TotalSeconds:0} seconds.";
        return RedirectToPage(new { bot = Bot, category = Category });
    }

    public async Task<IActionResult> OnPostClearAsync(string? bot, string? category, string? reason, CancellationToken cancellationToken)
    {
        if (_overrides is null || string.IsNullOrWhiteSpace(bot))
        {
            return NotFound();
        }

        if (ThresholdOverrideRules.ReasonProblem(reason) is { } problem)
        {
            await LoadAsync(bot, category, null, cancellationToken);
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var name = Name(bot.Trim(), Clean(category));
        var removed = await _overrides.ClearThresholdOverrideAsync(bot.Trim(), Clean(category), Actor, reason!.Trim(), cancellationToken);
        InvalidateLocalSource();
        Message = removed is null
            ? $"{name} had no override."
            : $"Removed the override of {name} ({Number(removed.Threshold)}): the configured value applies again.";
        return RedirectToPage();
    }

    public string ConfigKey => Category is null
        ? $"Confidence:Bots:{Bot}:Threshold"
        : $"Confidence:Bots:{Bot}:Categories:{Category}";

    public static string Number(double? value) =>
        value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? value) =>
        value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Name(string bot, string? category) => category is null ? $"{bot} (the bot's own threshold)" : $"{bot} / {category}";

    private string Actor => User.Identity?.Name ?? "administrator";

    private void LoadChoices(ConfidenceOptions options, ThresholdOverrideSet overrides)
    {
        var pairs = options.Bots.SelectMany(b => b.Value.Categories.Keys.Concat(b.Value.NeverAutomatic).Select(c => (Bot: b.Key, Category: (string?)c)))
            .Concat(Categories.Select(c => (c.Bot, c.Category)))
            .Concat(overrides.All.Select(o => (o.Bot, o.Category)))
            .ToList();
        BotChoices = fleetBots.With(options.Bots.Keys.Concat(pairs.Select(p => p.Bot)));
        CategoryChoices = [.. BotChoices
            .Select(b => (b, (IReadOnlyList<string>)[.. pairs
                .Where(p => string.Equals(p.Bot, b, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(p.Category))
                .Select(p => p.Category!)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase)]))
            .Where(c => c.Item2.Count > 0)];
    }

    private async Task LoadAsync(string? bot, string? category, string? proposed, CancellationToken cancellationToken)
    {
        Categories = await metrics.GetReviewedCategoriesAsync(cancellationToken);
        var overrides = _overrides is null ? ThresholdOverrideSet.Empty : new ThresholdOverrideSet(await _overrides.ListThresholdOverridesAsync(cancellationToken));
        Overrides = overrides.All;
        var options = configuration.GetSection(ConfidenceOptions.SectionName).Get<ConfidenceOptions>() ?? new ConfidenceOptions();
        LoadChoices(options, overrides);
        if (string.IsNullOrWhiteSpace(bot))
        {
            History = [.. (await users.ListSecurityEventsAsync(null, 500, cancellationToken)).Where(IsThresholdChange).Take(HistoryLimit)];
            return;
        }

        Selected = true;
        Bot = bot.Trim();
        Category = Clean(category);
        Configured = Describe(options, overrides);
        History = await users.ListSecurityEventsAsync(ThresholdOverride.AuditTarget(Bot, Category), HistoryLimit, cancellationToken);
        var samples = await SamplesAsync(options, overrides, cancellationToken);
        Curve = ThresholdCurve.Compute(samples, ThresholdCurve.DefaultThresholds);
        if (proposed is null)
        {
            return;
        }

        ProposedText = proposed.Trim();
        if (!double.TryParse(ProposedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Problem = "The threshold must be a number between 0 and 1, such as 0.95.";
            return;
        }

        Proposed = value;
        Problem = ThresholdOverrideRules.Problem(options, Bot, Category, value);
        if (Problem is null)
        {
            Proposal = ThresholdProposal.Evaluate(samples, value);
        }
    }

    // A category's own reviewed items; for the bot's own threshold, those of every category it governs (neither
    // configured nor overridden per category, nor never automatic). A category with a fitted threshold keeps that.
    private async Task<IReadOnlyList<ConfidenceSample>> SamplesAsync(ConfidenceOptions options, ThresholdOverrideSet overrides, CancellationToken cancellationToken)
    {
        if (Category is not null)
        {
            CountedCategories = [Category];
            return await metrics.GetReviewedSamplesAsync(Bot!, Category, cancellationToken);
        }

        options.Bots.TryGetValue(Bot!, out var botOptions);
        var governed = Categories
            .Where(c => string.Equals(c.Bot, Bot, StringComparison.OrdinalIgnoreCase))
            .Where(c => c.Category is null
                || (overrides.Find(Bot!, c.Category) is null
                    && !(botOptions?.Categories.ContainsKey(c.Category) ?? false)
                    && !(botOptions?.NeverAutomatic.Contains(c.Category, StringComparer.OrdinalIgnoreCase) ?? false)))
            .ToList();
        CountedCategories = [.. governed.Select(c => c.Category ?? "no category")];
        var samples = new List<ConfidenceSample>();
        foreach (var reviewed in governed)
        {
            samples.AddRange(await metrics.GetReviewedSamplesAsync(reviewed.Bot, reviewed.Category, cancellationToken));
        }

        return samples;
    }

    // The same order the policy uses: per category (override, then configured), then the bot's model's fitted value,
    // then the bot's own (override, then configured), then the default.
    private string Describe(ConfidenceOptions options, ThresholdOverrideSet overrides)
    {
        options.Bots.TryGetValue(Bot!, out var botOptions);
        if (Category is not null && botOptions is not null && botOptions.NeverAutomatic.Contains(Category, StringComparer.OrdinalIgnoreCase))
        {
            return "never automatic (NeverAutomatic)";
        }

        if (Category is not null && overrides.Find(Bot!, Category) is { } categoryOverride)
        {
            return $"{Number(categoryOverride.Threshold)} (override set by {categoryOverride.SetBy}{ConfiguredCategory(botOptions)})";
        }

        if (Category is not null && botOptions is not null && botOptions.Categories.TryGetValue(Category, out var byCategory))
        {
            return $"{Number(byCategory)} (configured for the category)";
        }

        var fallback = overrides.Find(Bot!, null) is { } botOverride
            ? $"{Number(botOverride.Threshold)} (the bot's threshold, override set by {botOverride.SetBy})"
            : botOptions?.Threshold is { } botThreshold
                ? $"{Number(botThreshold)} (the bot's threshold)"
                : $"{Number(options.DefaultThreshold)} (the fleet default)";
        return Category is null ? fallback : $"the bot's fitted threshold for the category if its model has one, else {fallback}";
    }

    private string ConfiguredCategory(BotConfidenceOptions? botOptions) =>
        botOptions is not null && botOptions.Categories.TryGetValue(Category!, out var configured) ? $"; configured {Number(configured)}" : "";

    // In `fleet run` the policy's source lives in the host, not here: it sees the change when its cache expires.
    private void InvalidateLocalSource() => services.GetService<ThresholdOverrideSource>()?.Invalidate();

    private static bool IsThresholdChange(SecurityAuditEntry entry) =>
        entry.Action is AuditActions.ThresholdSet or AuditActions.ThresholdCleared;

    private static string? Clean(string? category) => string.IsNullOrWhiteSpace(category) ? null : category.Trim();
}
