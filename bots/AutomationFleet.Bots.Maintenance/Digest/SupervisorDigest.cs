namespace AutomationFleet.Bots.Maintenance.Digest;

/// <summary>One supervisor's figures for one day: counts and item references only, never a citizen's details.</summary>
/// <param name="Supervisor">The supervisor's account name.</param>
/// <param name="Address">Where the digest goes; null when the account has no address (see <c>Maintenance:DigestMailDomain</c>).</param>
/// <param name="Date">The day (yyyy-MM-dd).</param>
/// <param name="Scope">Whose review tasks are counted: the granted services and queues, or "all queues".</param>
/// <param name="Backlog">Open review tasks in scope, per service.</param>
/// <param name="Total">The sum over <paramref name="Backlog"/>.</param>
/// <param name="OverdueReferences">The references of the longest-overdue tasks (at most 10).</param>
/// <param name="StraightThrough">Completed items per bot and category over the window, fleet-wide.</param>
/// <param name="Truncated">More open tasks than the digest reads; the counts are a lower bound.</param>
public sealed record SupervisorDigest(
    string Supervisor,
    string? Address,
    string Date,
    string Scope,
    IReadOnlyList<BacklogLine> Backlog,
    BacklogLine Total,
    IReadOnlyList<string> OverdueReferences,
    IReadOnlyList<RateLine> StraightThrough,
    bool Truncated);

/// <summary>Open review tasks of one service (or in total).</summary>
public sealed record BacklogLine(string Service, int Open, int Urgent, int Escalated, int Overdue, int DueSoon);

/// <summary>Completed items of one bot and category: straight through or via review.</summary>
public sealed record RateLine(string Bot, string? Category, int Automatic, int ViaReview)
{
    /// <summary>The straight-through share, 0..1; null when none completed.</summary>
    public double? Rate => Automatic + ViaReview == 0 ? null : (double)Automatic / (Automatic + ViaReview);
}
