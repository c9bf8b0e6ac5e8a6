using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Bots.Maintenance.Digest;

/// <summary>
/// Works out one supervisor's digest from the store: the open review tasks of the services and queues they are granted
/// (every queue when they are granted none), by service, with SLA risk (overdue, due within the lead time), and the
/// fleet's straight-through rates over the window.
/// </summary>
public sealed class DigestComposer(IReviewQueue reviews, IFleetMetrics metrics, MaintenanceOptions options)
{
    // The digest reads open tasks one list call: beyond this it says its counts are a lower bound.
    internal const int MaxTasks = 10_000;
    private const int MaxOverdueReferences = 10;
    private const string NoService = "(no service)";

    public async Task<SupervisorDigest> ComposeAsync(UserAccount supervisor, string date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        var scoped = supervisor.Services.Count + supervisor.Queues.Count > 0;
        var filter = scoped
            ? new ReviewFilter(Queues: supervisor.Queues, Limit: MaxTasks) { Services = supervisor.Services }
            : new ReviewFilter(Limit: MaxTasks);
        var tasks = await reviews.ListAsync(filter, cancellationToken);
        var dueSoonBy = now + options.SlaLeadTime;
        BacklogLine Line(string service, IEnumerable<ReviewTask> group)
        {
            var list = group.ToList();
            return new BacklogLine(
                service,
                list.Count,
                list.Count(t => t.Request.Urgent),
                list.Count(t => t.Escalated),
                list.Count(t => t.DueAt < now),
                list.Count(t => t.DueAt >= now && t.DueAt <= dueSoonBy));
        }

        var backlog = tasks
            .GroupBy(t => t.Request.Service ?? NoService, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Line(g.Key, g))
            .ToList();
        var overdue = tasks.Where(t => t.DueAt < now).OrderBy(t => t.DueAt).Take(MaxOverdueReferences).Select(t => t.Reference).ToList();
        var rates = (await metrics.GetStraightThroughAsync(options.DigestWindow, cancellationToken))
            .Select(r => new RateLine(r.Bot, r.Category, r.Automatic, r.ViaReview))
            .ToList();
        var scope = scoped
            ? string.Join(", ", supervisor.Services.Select(s => $"service {s}").Concat(supervisor.Queues.Select(q => $"queue {q}")))
            : "all queues";
        return new SupervisorDigest(
            supervisor.Name, AddressOf(supervisor.Name), date, scope, backlog, Line("total", tasks), overdue, rates, tasks.Count >= MaxTasks);
    }

    /// <summary>The supervisor's address: the account name when it is one, else the name at the configured domain.</summary>
    internal string? AddressOf(string account) =>
        account.Contains('@', StringComparison.Ordinal) ? account
        : options.DigestMailDomain.Length > 0 ? $"{account}@{options.DigestMailDomain}"
        : null;
}
