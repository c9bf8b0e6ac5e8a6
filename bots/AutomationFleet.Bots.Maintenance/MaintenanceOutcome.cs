using AutomationFleet.Bots.Maintenance.Digest;
using AutomationFleet.Core.Review;

namespace AutomationFleet.Bots.Maintenance;

/// <summary>
/// What the maintenance bot decided for one item; each delivery step acts on its own part and skips the others. Holds
/// references, counts and account names only: no citizen's personal data.
/// </summary>
/// <param name="Task">The item's task (<see cref="MaintenanceTasks"/>).</param>
/// <param name="DigestDate">The day of a digest (UTC date of the sweep), for the digest items' references.</param>
/// <param name="Supervisors">The daily digest: the supervisors to enqueue a digest for.</param>
/// <param name="Digest">One supervisor's digest: the figures to mail.</param>
/// <param name="Escalate">The SLA sweep: the tasks to escalate.</param>
/// <param name="LeadTime">The SLA sweep's lead time, for the audit reason.</param>
/// <param name="Purge">The retention purge: per policy, the items to redact.</param>
/// <param name="AuditTrailBefore">The retention purge: audit rows written before this go (<c>Retention:AuditTrailKeptFor</c>).</param>
public sealed record MaintenanceOutcome(
    string Task,
    string? DigestDate = null,
    IReadOnlyList<string>? Supervisors = null,
    SupervisorDigest? Digest = null,
    IReadOnlyList<ReviewDeadline>? Escalate = null,
    TimeSpan? LeadTime = null,
    IReadOnlyList<PurgeBatch>? Purge = null,
    DateTimeOffset? AuditTrailBefore = null);

/// <summary>One policy's share of a purge.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="RedactAfter">Its age limit, for the audit reason.</param>
/// <param name="References">The expired items.</param>
public sealed record PurgeBatch(string Policy, TimeSpan RedactAfter, IReadOnlyList<string> References);
