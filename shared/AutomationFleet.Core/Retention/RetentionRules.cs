using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Retention;

/// <summary>What retention may touch and how it is written down: the one place for both stores and the purge job.</summary>
public static class RetentionRules
{
    /// <summary>The payload (and review evidence) of a redacted item.</summary>
    public const string RedactedPayload = "{\"redacted\":true}";

    /// <summary>The prefix of the security-audit target of a purge: <c>retention:POLICY</c>.</summary>
    public const string TargetPrefix = "retention:";

    /// <summary>
    /// Only items in a final state (Completed, BusinessException, Cancelled) are redacted: a dead letter may be replayed
    /// and an item in review or in progress is still being worked on.
    /// </summary>
    public static bool MayRedact(WorkItemState state) => WorkItemTransitions.IsTerminal(state);

    /// <summary>The reason of a redaction's item audit row.</summary>
    public static string RedactedReason(string policy, TimeSpan after) =>
        string.Create(CultureInfo.InvariantCulture, $"redacted by retention policy {policy}: payload and documents removed {after.TotalDays:0} days after it finished");

    /// <summary>
    /// The shortest <see cref="RetentionOptions.AuditTrailKeptFor"/>: a store refuses to delete audit rows younger than
    /// this whatever it is asked (the PostgreSQL function checks it against the database's own clock).
    /// </summary>
    public static readonly TimeSpan MinimumAuditTrailAge = TimeSpan.FromDays(365);

    /// <summary>The name the audit trail's purge is audited under (<c>retention:audit-trail</c>); no policy may take it.</summary>
    public const string AuditTrailPolicy = "audit-trail";

    /// <summary>Whether a store may delete audit rows written before <paramref name="before"/>, it being <paramref name="now"/>.</summary>
    public static bool MayPurgeAuditBefore(DateTimeOffset before, DateTimeOffset now) => before <= now - MinimumAuditTrailAge;

    /// <summary>
    /// The security-audit row of an audit-trail purge, written by the store in the purge's transaction and newer than
    /// any row it deleted: counts and the bound only.
    /// </summary>
    public static SecurityEvent AuditTrailPurgeEvent(string actor, DateTimeOffset before, AuditTrailPurge purged)
    {
        ArgumentNullException.ThrowIfNull(purged);
        return new(actor, AuditActions.RetentionPurge, TargetOf(AuditTrailPolicy), string.Create(
            CultureInfo.InvariantCulture,
            $"audit rows written before {before:yyyy-MM-ddTHH:mm:ssZ} deleted: item trails {purged.ItemRows}; security audit {purged.SecurityRows}; incident trails {purged.IncidentRows}"));
    }

    /// <summary>The security-audit target of a policy's purges.</summary>
    public static string TargetOf(string policy) => TargetPrefix + policy;

    /// <summary>The security-audit row of one policy's purge: who ran it and what it removed (counts only).</summary>
    public static SecurityEvent PurgeEvent(string actor, string policy, int itemsRedacted, int documentsDeleted, int documentsKept) =>
        new(actor, AuditActions.RetentionPurge, TargetOf(policy), string.Create(
            CultureInfo.InvariantCulture,
            $"items redacted {itemsRedacted}; documents deleted {documentsDeleted}; documents kept (still attached to a newer item) {documentsKept}"));
}
