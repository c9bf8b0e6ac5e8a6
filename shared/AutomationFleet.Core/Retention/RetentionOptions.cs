namespace AutomationFleet.Core.Retention;

/// <summary>
/// How long the fleet keeps citizens' documents and item payloads, per queue. Bound from the <c>Retention</c> section
/// (shipped in <c>config/retention.json</c>); run by the <c>retention-purge</c> schedule and shown on the portal's
/// retention page. The audit trails (items', security, incidents') are append-only and outlive every policy: the same
/// purge deletes only their rows older than <see cref="AuditTrailKeptFor"/>.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Retention";

    /// <summary>At most this many items per policy in one purge (the next purge goes on). Default 1000.</summary>
    public int MaxItemsPerRun { get; set; } = 1000;

    /// <summary>
    /// How long audit rows are kept (items' trails, the security audit, incidents' trails): rows older than this are
    /// deleted by the purge. Default 2192 days (six years); at least <see cref="RetentionRules.MinimumAuditTrailAge"/>,
    /// which the PostgreSQL store's purge function also enforces.
    /// </summary>
    public TimeSpan AuditTrailKeptFor { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>The policies; a queue is in at most one. A queue in none is kept for ever.</summary>
    public List<RetentionPolicy> Policies { get; init; } = [];
}
