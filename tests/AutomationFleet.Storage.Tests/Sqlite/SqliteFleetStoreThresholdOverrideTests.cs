using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Storage.Tests.Sqlite;

[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreThresholdOverrideTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SetThresholdOverrideAsync_NewThenReplaced_ListedAndEachChangeAudited()
    {
        await using var t = await TestStore.CreateAsync();

        var first = await t.Store.SetThresholdOverrideAsync("inbound-post", "blue-badge", 0.95, "ada", "more straight through", None);
        t.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await t.Store.SetThresholdOverrideAsync("INBOUND-POST", "Blue-Badge", 0.97, "bob", "too many errors", None);

        Assert.Null(first);
        Assert.Equal(0.95, second!.Threshold);
        var listed = Assert.Single(await t.Store.ListThresholdOverridesAsync(None));
        Assert.Equal(("inbound-post", "blue-badge", 0.97, "bob", "too many errors"), (listed.Bot, listed.Category, listed.Threshold, listed.SetBy, listed.Reason));
        Assert.Equal(TestStore.Start.AddMinutes(1), listed.SetAt);
        var audit = await t.Store.ListSecurityEventsAsync(ThresholdOverride.AuditTarget("inbound-post", "blue-badge"), 10, None);
        Assert.Equal(2, audit.Count);
        Assert.Equal(("bob", AuditActions.ThresholdSet), (audit[0].Actor, audit[0].Action));
        Assert.Equal("override 0.950 → 0.970; reason: too many errors", audit[0].Detail);
        Assert.Equal("configuration → 0.950; reason: more straight through", audit[1].Detail);
    }

    [Fact]
    public async Task SetThresholdOverrideAsync_BotDefaultAndCategory_KeptApart()
    {
        await using var t = await TestStore.CreateAsync();

        await t.Store.SetThresholdOverrideAsync("inbound-post", null, 0.9, "ada", "bot default", None);
        await t.Store.SetThresholdOverrideAsync("inbound-post", "council-tax", 0.8, "ada", "category", None);

        var set = new ThresholdOverrideSet(await t.Store.ListThresholdOverridesAsync(None));
        Assert.Equal(0.9, set.Find("inbound-post", null)!.Threshold);
        Assert.Equal(0.8, set.Find("Inbound-Post", "COUNCIL-TAX")!.Threshold);
        Assert.Null(set.Find("inbound-post", "highways"));
        Assert.Null(set.All[0].Category);
    }

    [Fact]
    public async Task ClearThresholdOverrideAsync_Existing_RemovedAndAudited()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.SetThresholdOverrideAsync("inbound-post", "blue-badge", 0.95, "ada", "try", None);

        var removed = await t.Store.ClearThresholdOverrideAsync("inbound-post", "blue-badge", "ada", "back to config", None);
        var again = await t.Store.ClearThresholdOverrideAsync("inbound-post", "blue-badge", "ada", "again", None);

        Assert.Equal(0.95, removed!.Threshold);
        Assert.Null(again);
        Assert.Empty(await t.Store.ListThresholdOverridesAsync(None));
        var audit = await t.Store.ListSecurityEventsAsync(ThresholdOverride.AuditTarget("inbound-post", "blue-badge"), 10, None);
        Assert.Equal(2, audit.Count);
        Assert.Equal(AuditActions.ThresholdCleared, audit[0].Action);
        Assert.Equal("override 0.950 → configuration; reason: back to config", audit[0].Detail);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public async Task SetThresholdOverrideAsync_NotAProbability_ThrowsAndWritesNothing(double threshold)
    {
        await using var t = await TestStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => t.Store.SetThresholdOverrideAsync("b", null, threshold, "ada", "r", None));

        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM threshold_overrides"));
        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM security_audit"));
    }

    [Fact]
    public async Task SetThresholdOverrideAsync_NoReason_Throws()
    {
        await using var t = await TestStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.SetThresholdOverrideAsync("b", null, 0.9, "ada", " ", None));
    }

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
            command.CommandText = "DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents; DROP TABLE threshold_overrides; DROP INDEX ix_review_tasks_counts; ALTER TABLE review_tasks DROP COLUMN service; ALTER TABLE review_tasks DROP COLUMN queue; DROP TABLE user_services; DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (2, 0);";
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
    public async Task ThresholdOverridesTable_OutOfRangeWrittenDirectly_RefusedByCheck()
    {
        await using var t = await TestStore.CreateAsync();
        using var connection = t.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO threshold_overrides VALUES ('b', '', 1.5, 'x', 0, 'r');";

        Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
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
