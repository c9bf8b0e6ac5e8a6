namespace AutomationFleet.Core.SideEffects;

/// <summary>
/// A step cannot begin because its ledger entry exists: another attempt has begun it (and may be doing it now) or done
/// it. The attempt that gets this must not do the step; the entry is left as it is.
/// </summary>
public sealed class SideEffectConflictException(string key)
    : InvalidOperationException($"Side effect {key} is already begun or done by another attempt; it must not begin again.")
{
    /// <summary>The idempotency key.</summary>
    public string Key { get; } = key;
}
