using AutomationFleet.Core.Review;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages.Review;

/// <summary>
/// The review queue: what the caller may see (granted queues or services, filtered in the store query), most urgent
/// first. Counts and filter choices come from a store count over everything the caller may see, not from the listed
/// page (which stops at <see cref="PortalOptions.QueuePageLimit"/>). Supervisors also get the escalated view.
/// </summary>
public sealed class IndexModel(IReviewQueue review, QueueAccess access, IOptions<PortalOptions> options) : PageModel
{
    public const string EscalatedView = "escalated";

    public IReadOnlyList<ReviewTask> Tasks { get; private set; } = [];

    public IReadOnlyList<ReviewCount> Counts { get; private set; } = [];

    public IReadOnlyList<string> Bots { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<string> Services { get; private set; } = [];

    public ReviewerScope? Scope { get; private set; }

    public string? Bot { get; private set; }

    public string? Category { get; private set; }

    public string? Service { get; private set; }

    public bool EscalatedOnly { get; private set; }

    /// <summary>Items matching the chosen filter, from the store's counts (may exceed the listed page).</summary>
    public int Matching { get; private set; }

    public int Urgent { get; private set; }

    public int Escalated { get; private set; }

    /// <summary>Escalated items the caller may handle, whatever the filter (supervisors only; reviewers see none).</summary>
    public int EscalatedTotal { get; private set; }

    public bool Truncated => Matching > Tasks.Count;

    public bool NothingToTake { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string? bot, string? category, string? service, string? view, bool nothing, CancellationToken cancellationToken)
    {
        Scope = await access.ScopeAsync(User, cancellationToken);
        if (Scope is null)
        {
            return Forbid();
        }

        Bot = Blank(bot);
        Category = Blank(category);
        Service = Blank(service);
        EscalatedOnly = Scope.IsSupervisor && string.Equals(Blank(view), EscalatedView, StringComparison.Ordinal);
        NothingToTake = nothing;

        // Counts and choices: everything the caller may see (one GROUP BY in the store); the list: the chosen filter.
        Counts = await review.CountAsync(Scope.Filter(), cancellationToken);
        Bots = Counts.Select(c => c.Bot).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Categories = Counts.Select(c => c.Category).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Services = Counts.Select(c => c.Service).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        EscalatedTotal = Counts.Sum(c => c.Escalated);
        var chosen = Counts.Where(c =>
            (Bot is null || c.Bot == Bot) && (Category is null || c.Category == Category) && (Service is null || c.Service == Service)).ToList();
        Matching = EscalatedOnly ? chosen.Sum(c => c.Escalated) : chosen.Sum(c => c.Count);
        Escalated = chosen.Sum(c => c.Escalated);
        Urgent = EscalatedOnly ? 0 : chosen.Sum(c => c.Urgent);
        Tasks = await review.ListAsync(
            Scope.Filter(Bot, Category, Service, EscalatedOnly, options.Value.QueuePageLimit), cancellationToken);
        if (EscalatedOnly)
        {
            Urgent = Tasks.Count(t => t.Request.Urgent);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostTakeNextAsync(
        string? bot, string? category, string? service, string? view, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(User, cancellationToken);
        if (scope is null)
        {
            return Forbid();
        }

        var escalatedOnly = scope.IsSupervisor && string.Equals(Blank(view), EscalatedView, StringComparison.Ordinal);
        var task = await review.ClaimNextAsync(
            scope.Name,
            options.Value.ClaimDuration,
            scope.Filter(Blank(bot), Blank(category), Blank(service), escalatedOnly, limit: 1),
            cancellationToken);
        return task is null ? Redirect("/review?nothing=true") : Redirect($"/review/items/{task.ItemId}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
