using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Retention;

/// <summary>
/// The store operations the retention purge runs on: find finished items past their policy's age, check whether a blob
/// is still needed, and redact an item. No item is ever deleted (its audit trail refers to it); an item that is not in a
/// final state (<see cref="RetentionRules.MayRedact"/>) is never touched.
/// </summary>
public interface IRetentionStore
{
    /// <summary>
    /// Items of <paramref name="queue"/> in a final state, last changed before <paramref name="finishedBefore"/> (a finished
    /// item is never changed again, so that is when it finished) and not redacted yet, oldest first, at most
    /// <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ListExpiredAsync(string queue, DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Whether an item other than <paramref name="exceptItemId"/> that is not redacted still has this blob attached.</summary>
    Task<bool> IsBlobReferencedAsync(string contentHash, long exceptItemId, CancellationToken cancellationToken);

    /// <summary>
    /// Redacts a finished item in one transaction: its payload becomes <see cref="RetentionRules.RedactedPayload"/>, its
    /// attachments list empty, its outcome keeps only its <c>category</c> (the dashboard's figures), its review task's
    /// evidence and proposal are replaced; an item audit row by <paramref name="actor"/> says why. Returns false and
    /// changes nothing when the item is missing, already redacted or not in a final state.
    /// </summary>
    Task<bool> RedactAsync(long itemId, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the audit rows (items' trails, the security audit, incidents' trails) written before
    /// <paramref name="before"/>, and appends <see cref="RetentionRules.AuditTrailPurgeEvent"/> by <paramref name="actor"/>
    /// in the same transaction. Throws <see cref="ArgumentOutOfRangeException"/> and deletes nothing when
    /// <paramref name="before"/> is within <see cref="RetentionRules.MinimumAuditTrailAge"/> of now. The audit tables
    /// refuse every other delete and every update.
    /// </summary>
    Task<AuditTrailPurge> PurgeAuditTrailAsync(DateTimeOffset before, string actor, CancellationToken cancellationToken);
}
