namespace AutomationFleet.Core.SideEffects;

/// <summary>One entry of the side-effect ledger.</summary>
/// <param name="Key">Idempotency key: the item's reference and the step (see <see cref="IdempotencyKey"/>).</param>
/// <param name="ItemId">The item.</param>
/// <param name="Step">The step name.</param>
/// <param name="IsIdempotent">Whether repeating the step is harmless.</param>
/// <param name="Status">Started or Completed.</param>
/// <param name="StartedAt">When it began (store clock).</param>
/// <param name="CompletedAt">When it was recorded as done.</param>
/// <param name="ResultJson">What the step reported (e.g. a message id), if anything.</param>
public sealed record SideEffectRecord(
    string Key,
    long ItemId,
    string Step,
    bool IsIdempotent,
    SideEffectStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? ResultJson);
