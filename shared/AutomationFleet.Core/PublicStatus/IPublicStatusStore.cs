using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.PublicStatus;

/// <summary>
/// What the public status page needs from the store: an item by its id (the short reference, one primary-key read), and
/// the look-up attempts that rate-limit wrong checks and count look-ups. Kept in the store, so the limits hold across
/// several public-site processes on one PostgreSQL database.
/// </summary>
public interface IPublicStatusStore
{
    /// <summary>The item with this store id, or null.</summary>
    Task<WorkItem?> GetItemAsync(long itemId, CancellationToken cancellationToken);

    /// <summary>
    /// The latest expected date the item (by its root reference) was revised to because it was running late
    /// (<see cref="Updates.IUpdateStore.ReviseExpectedDateAsync"/>), or null when it never was.
    /// </summary>
    Task<DateOnly?> GetRevisedExpectedDateAsync(string itemReference, CancellationToken cancellationToken);

    /// <summary>
    /// Records a look-up attempt, counted as failed in advance, then counts the failed attempts in the last
    /// <paramref name="window"/> for <paramref name="reference"/> and for <paramref name="client"/>: more than
    /// <paramref name="maxFailures"/> for either and the attempt is limited (and audited as
    /// <c>status-check-limited</c>, target the reference), in one transaction, so parallel guesses cannot get more than
    /// <paramref name="maxFailures"/> compares. Failed attempts older than the window are forgotten.
    /// </summary>
    /// <param name="reference">The reference as typed, normalised by the caller (at most 64 characters); never the check value.</param>
    /// <param name="client">The client's address.</param>
    /// <param name="maxFailures">Failed checks allowed per reference and per client in the window.</param>
    /// <param name="window">How far back failed checks count.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<StatusCheckAttempt> BeginStatusCheckAsync(
        string reference, string client, int maxFailures, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// Ends an attempt begun with <see cref="BeginStatusCheckAsync"/>: with the item found (<paramref name="itemId"/>), it
    /// no longer counts as failed and counts as a look-up of the item; with null, the failure stands and is audited as
    /// <c>status-check-failed</c> (target: the attempt's reference) in the same transaction.
    /// </summary>
    Task CompleteStatusCheckAsync(long attemptId, long? itemId, CancellationToken cancellationToken);

    /// <summary>Successful look-ups, distinct items looked up, and items in the store.</summary>
    Task<StatusLookupCounts> CountStatusLookupsAsync(CancellationToken cancellationToken);
}
