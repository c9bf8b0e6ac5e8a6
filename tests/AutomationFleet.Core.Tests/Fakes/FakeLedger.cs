using AutomationFleet.Core.SideEffects;

namespace AutomationFleet.Core.Tests.Fakes;

internal sealed class FakeLedger : ISideEffectLedger
{
    public Dictionary<string, SideEffectRecord> Entries { get; } = [];

    public List<string> Calls { get; } = [];

    public void Seed(string key, long itemId, string step, bool idempotent, SideEffectStatus status) =>
        Entries[key] = new SideEffectRecord(key, itemId, step, idempotent, status, DateTimeOffset.UnixEpoch, null, null);

    public Task<SideEffectRecord?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(Entries.GetValueOrDefault(key));

    public Task BeginAsync(string key, long itemId, string step, bool isIdempotent, CancellationToken cancellationToken)
    {
        Calls.Add($"Begin {key}");
        Entries[key] = new SideEffectRecord(key, itemId, step, isIdempotent, SideEffectStatus.Started, DateTimeOffset.UnixEpoch, null, null);
        return Task.CompletedTask;
    }

    public Task CompleteAsync(string key, string? resultJson, CancellationToken cancellationToken)
    {
        Calls.Add($"Complete {key}");
        Entries[key] = Entries[key] with { Status = SideEffectStatus.Completed, ResultJson = resultJson };
        return Task.CompletedTask;
    }

    public Task AbandonAsync(string key, CancellationToken cancellationToken)
    {
        Calls.Add($"Abandon {key}");
        Entries.Remove(key);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SideEffectRecord>> ListAsync(long itemId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SideEffectRecord>>(Entries.Values.Where(e => e.ItemId == itemId).ToList());
}
