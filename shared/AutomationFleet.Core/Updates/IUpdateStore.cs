namespace AutomationFleet.Core.Updates;

/// <summary>
/// What the store keeps for proactive updates: opt-outs, and one row per update reserved for sending, by which the daily
/// cap per address is counted across every worker. Implemented by both stores; one contract test suite runs on both.
/// Addresses are never stored: only <see cref="UpdateRecipient.HashOf"/> of them.
/// </summary>
public interface IUpdateStore
{
    /// <summary>
    /// In one transaction: refuses an update whose address or item has opted out; lets through one already reserved
    /// (a retry of the same update); otherwise reserves it if fewer than <paramref name="dailyCap"/> updates are reserved
    /// for its address on its day.
    /// </summary>
    Task<UpdateReservation> ReserveUpdateAsync(UpdateSend send, int dailyCap, CancellationToken cancellationToken);

    /// <summary>Marks a reserved update as sent (counted by the dashboard).</summary>
    Task MarkUpdateSentAsync(string updateReference, CancellationToken cancellationToken);

    /// <summary>
    /// Stops further updates to an address (by its hash) or about an item (by its root reference), audited in
    /// <c>security_audit</c> as <c>updates-opted-out</c> with the item reference, never the address. False when already opted out.
    /// </summary>
    Task<bool> OptOutAsync(UpdateOptOut optOut, string actor, CancellationToken cancellationToken);

    /// <summary>The updates reserved since <paramref name="since"/>, for the dashboard's measures.</summary>
    Task<IReadOnlyList<UpdateRecord>> ListUpdatesAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers that the citizen was told to expect the item (by its root reference) to be finished by
    /// <paramref name="expectedBy"/>. Idempotent per (item, date): a second call with the same date changes nothing.
    /// The latest date is what the status page shows and the timescale sweep counts from.
    /// </summary>
    Task ReviseExpectedDateAsync(string itemReference, DateOnly expectedBy, CancellationToken cancellationToken);

    /// <summary>The latest revised expected date of each of <paramref name="itemReferences"/> (root references) that has one.</summary>
    Task<IReadOnlyDictionary<string, DateOnly>> FindRevisedExpectedDatesAsync(
        IReadOnlyCollection<string> itemReferences, CancellationToken cancellationToken);
}

/// <summary>One update about to be sent.</summary>
/// <param name="UpdateReference">The update item's reference (<see cref="UpdateRequest.Reference"/>).</param>
/// <param name="ItemReference">The citizen item's root reference.</param>
/// <param name="Queue">The queue whose touch point it is.</param>
/// <param name="TouchPoint">The touch point.</param>
/// <param name="RecipientHash">The address's hash.</param>
/// <param name="Day">The recipient's day it counts against (the fleet's time zone).</param>
public sealed record UpdateSend(string UpdateReference, string ItemReference, string Queue, TouchPoint TouchPoint, string RecipientHash, DateOnly Day);

/// <summary>What <see cref="IUpdateStore.ReserveUpdateAsync"/> decided.</summary>
public enum UpdateReservation
{
    /// <summary>Send it.</summary>
    Reserved,

    /// <summary>The address's daily cap is reached: not sent (dropped, recorded with the update item).</summary>
    Capped,

    /// <summary>The address or the item opted out: not sent.</summary>
    OptedOut,
}

/// <summary>An opt-out: an address's hash, an item's root reference, or both.</summary>
public sealed record UpdateOptOut(string? RecipientHash, string? ItemReference)
{
    /// <summary>The audit target: the item reference when there is one, else a prefix of the hash (never the address).</summary>
    public string AuditTarget => ItemReference is { } reference ? $"item:{reference}" : $"address:{RecipientHash?[..12]}";
}

/// <summary>One reserved update, for the measures.</summary>
public sealed record UpdateRecord(string ItemReference, string Queue, TouchPoint TouchPoint, DateOnly Day, bool Sent);
