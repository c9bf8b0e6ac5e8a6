using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Core.Tests.Bots;

public sealed class BotPauseSourceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FindAsync_PausedInStoreAfterARead_SeenOnlyOnceTheCacheHasAged()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryPauses();
        using var source = new BotPauseSource(store, clock);
        Assert.Null(await source.FindAsync("post", None));

        await store.PauseBotAsync("post", "ada", "supplier outage", None);
        var withinCache = await source.FindAsync("post", None);
        clock.Advance(BotPauseSource.DefaultCacheDuration);
        var afterCache = await source.FindAsync("POST", None);

        Assert.Null(withinCache);
        Assert.Equal("supplier outage", afterCache!.Reason);
    }

    [Fact]
    public async Task FindAsync_StoreFailsAfterARead_KeepsTheLastSnapshot()
    {
        var clock = new FakeTimeProvider();
        var store = new InMemoryPauses();
        await store.PauseBotAsync("post", "ada", "outage", None);
        using var source = new BotPauseSource(store, clock);
        await source.FindAsync("post", None);

        store.Fail = true;
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull(await source.FindAsync("post", None));
    }

    [Fact]
    public void Resumed_PreviousPause_NamesWhoPausedAndWhy()
    {
        var pause = new BotPause("post", "ada", DateTimeOffset.UnixEpoch, "outage");

        var row = BotPauseAudit.Resumed("bob", pause, " fixed ");

        Assert.Equal(new Users.SecurityEvent("bob", AuditActions.BotResumed, "bot:post", "paused by ada; reason: fixed"), row);
    }

    [Fact]
    public void EnsureReason_TooLong_Throws() =>
        Assert.Throws<ArgumentException>(() => BotPauseAudit.EnsureReason(new string('x', BotPause.MaxReasonLength + 1)));

    private sealed class InMemoryPauses : IBotPauseStore
    {
        private readonly Dictionary<string, BotPause> _pauses = new(StringComparer.OrdinalIgnoreCase);

        public bool Fail { get; set; }

        public Task<IReadOnlyList<BotPause>> ListBotPausesAsync(CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("store down") : Task.FromResult<IReadOnlyList<BotPause>>([.. _pauses.Values]);

        public Task<BotPauseChange> PauseBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken)
        {
            if (_pauses.TryGetValue(bot, out var existing))
            {
                return Task.FromResult(new BotPauseChange(existing, false));
            }

            var pause = new BotPause(bot, actor, DateTimeOffset.UnixEpoch, reason);
            _pauses[bot] = pause;
            return Task.FromResult(new BotPauseChange(pause, true));
        }

        public Task<BotPause?> ResumeBotAsync(string bot, string actor, string reason, CancellationToken cancellationToken) =>
            Task.FromResult(_pauses.Remove(bot, out var previous) ? previous : null);
    }
}
