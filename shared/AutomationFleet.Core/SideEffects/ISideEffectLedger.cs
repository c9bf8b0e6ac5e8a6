namespace AutomationFleet.Core.SideEffects;

/// <summary>
/// Records side effects (a mail sent, a case note written, a hand-off) under their idempotency key,
/// so a redo after a crash can see that a step already happened — or may have happened.
/// </summary>
public interface ISideEffectLedger
{
    /// <summary>The entry under a key, or null if the step never began.</summary>
    Task<SideEffectRecord?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a step is beginning (status Started). Only once: when the key has an entry — another attempt began
    /// the step (two workers that both think they hold the item, or a crashed attempt not yet abandoned) or did it —
    /// throws <see cref="SideEffectConflictException"/> and changes nothing, so at most one attempt ever does a step.
    /// A key that was abandoned begins afresh.
    /// </summary>
    Task BeginAsync(string key, long itemId, string step, bool isIdempotent, CancellationToken cancellationToken);

    /// <summary>Records that the step happened.</summary>
    Task CompleteAsync(string key, string? resultJson, CancellationToken cancellationToken);

    /// <summary>Removes a Started entry whose step reported that it failed, so it is known not to have happened.</summary>
    Task AbandonAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every entry of one item.</summary>
    Task<IReadOnlyList<SideEffectRecord>> ListAsync(long itemId, CancellationToken cancellationToken);
}
