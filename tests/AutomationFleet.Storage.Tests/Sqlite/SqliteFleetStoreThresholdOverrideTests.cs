using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The threshold-override contract on SQLite, its migrations, and a second store on the same file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreThresholdOverrideTests : ThresholdOverrideContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task InitializeAsync_VersionTwoFile_MigratesAddingThresholdOverrides()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.AddUserAsync("ada", "h", Core.Users.UserRole.Administrator, "cli", None);
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            // The version-2 shape: none of the later steps' tables or columns.
            command.CommandText = "DROP TABLE update_opt_outs; DROP TABLE update_sends; DROP INDEX ix_work_items_retention; ALTER TABLE work_items DROP COLUMN redacted_at; DROP TABLE bot_pauses; DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents; DROP TABLE threshold_overrides; DROP INDEX ix_review_tasks_counts; ALTER TABLE review_tasks DROP COLUMN service; ALTER TABLE review_tasks DROP COLUMN queue; DROP TABLE user_services; ALTER TABLE users DROP COLUMN session_stamp; ALTER TABLE users DROP COLUMN external_issuer; ALTER TABLE users DROP COLUMN external_subject; ALTER TABLE users DROP COLUMN totp_secret; ALTER TABLE users DROP COLUMN totp_last_step; DROP TABLE user_recovery_codes; DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (2, 0);";
            command.ExecuteNonQuery();
        }

        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(None);
        await reopened.SetThresholdOverrideAsync("inbound-post", null, 0.9, "ada", "after migration", None);

        Assert.Equal(SqliteSchema.CurrentVersion, t.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 3"));
        Assert.NotNull(await reopened.FindUserAsync("ada", None));
        Assert.Single(await reopened.ListThresholdOverridesAsync(None));
    }

    [Fact]
    public async Task InitializeAsync_NewerFile_Refused()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO schema_version (version, applied_at) VALUES ({SqliteSchema.CurrentVersion + 1}, 0);";
            command.ExecuteNonQuery();
        }

        await using var reopened = new SqliteFleetStore(t.Options, t.Time);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.InitializeAsync(None));
        Assert.Contains("Upgrade the fleet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_OverrideSetInStoreWhileRunning_DecisionChangesAfterCacheWithoutRestart()
    {
        await using var t = await TestStore.CreateAsync();
        var options = new ConfidenceOptions();
        options.Bots["inbound-post"] = new BotConfidenceOptions { Categories = { ["blue-badge"] = 0.95 } };
        using var source = new ThresholdOverrideSource(t.Store, t.Time) { CacheDuration = TimeSpan.FromSeconds(5) };
        var policy = new ConfidencePolicy(new FixedMonitor(options), source);
        var decision = BotDecision.Propose("blue-badge", "{}", 0.92);
        Assert.False((await policy.EvaluateAsync("inbound-post", decision, None)).IsAutomatic);

        // Another process (the portal, the CLI) writes to the same file.
        await using (var other = new SqliteFleetStore(t.Options, t.Time))
        {
            await other.SetThresholdOverrideAsync("inbound-post", "blue-badge", 0.9, "ada", "measured", None);
        }

        var cached = await policy.EvaluateAsync("inbound-post", decision, None);
        t.Time.Advance(TimeSpan.FromSeconds(5));
        var refreshed = await policy.EvaluateAsync("inbound-post", decision, None);
        await t.Store.ClearThresholdOverrideAsync("inbound-post", "blue-badge", "ada", "undo", None);
        t.Time.Advance(TimeSpan.FromSeconds(5));
        var cleared = await policy.EvaluateAsync("inbound-post", decision, None);

        Assert.False(cached.IsAutomatic);
        Assert.True(refreshed.IsAutomatic);
        Assert.Equal(0.9, refreshed.Threshold);
        Assert.False(cleared.IsAutomatic);
        Assert.Equal(0.95, cleared.Threshold);
    }

    private sealed class FixedMonitor(ConfidenceOptions value) : IOptionsMonitor<ConfidenceOptions>
    {
        public ConfidenceOptions CurrentValue => value;

        public ConfidenceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConfidenceOptions, string?> listener) => null;
    }
}
