using AutomationFleet.Core.Review;
using AutomationFleet.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Pages.Review;

/// <summary>The review queue: the caller's granted queues only (filtered in the store query), most urgent first.</summary>
public sealed class IndexModel(IReviewQueue review, QueueAccess access, IOptions<PortalOptions> options) : PageModel
{
    public IReadOnlyList<ReviewTask> Tasks { get; private set; } = [];

    public IReadOnlyList<QueueCount> Counts { get; private set; } = [];

    public IReadOnlyList<string> Bots { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public ReviewerScope? Scope { get; private set; }

    public string? Bot { get; private set; }

    public string? Category { get; private set; }

    public bool Truncated { get; private set; }

    public int Urgent { get; private set; }

    public bool NothingToTake { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? bot, string? category, bool nothing, CancellationToken cancellationToken)
    {
        Scope = await access.ScopeAsync(User, cancellationToken);
        if (Scope is null)
        {
            return Forbid();
        }

        Bot = Blank(bot);
        Category = Blank(category);
        NothingToTake = nothing;
        var limit = options.Value.QueuePageLimit;

        // The filter choices come from everything the caller may see; the list from the chosen filter.
        var visible = await review.ListAsync(new ReviewFilter(Queues: Scope.Queues, Limit: limit), cancellationToken);
        Bots = visible.Select(t => t.Request.Bot).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Categories = visible.Select(t => t.Request.Category).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Tasks = Bot is null && Category is null
            ? visible
            : await review.ListAsync(new ReviewFilter(Bot, Category, Scope.Queues, limit), cancellationToken);
        Truncated = Tasks.Count >= limit;
        Urgent = Tasks.Count(t => t.Request.Urgent);
        Counts = Tasks
            .GroupBy(t => (t.Request.Bot, t.Request.Category))
            .Select(g => new QueueCount(g.Key.Bot, g.Key.Category, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Bot, StringComparer.Ordinal)
            .ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostTakeNextAsync(string? bot, string? category, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(User, cancellationToken);
        if (scope is null)
        {
            return Forbid();
        }

        var task = await review.ClaimNextAsync(
            scope.Name, options.Value.ClaimDuration, new ReviewFilter(Blank(bot), Blank(category), scope.Queues, 1), cancellationToken);
        return task is null ? Redirect("/review?nothing=true") : Redirect($"/review/items/{task.ItemId}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public sealed record QueueCount(string Bot, string? Category, int Count);
}
