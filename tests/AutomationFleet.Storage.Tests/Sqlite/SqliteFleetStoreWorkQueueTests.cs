using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The work-queue contract on SQLite, and what only SQLite has (its query plan, WAL, several stores on one file).</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreWorkQueueTests : WorkQueueContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task LeaseQuery_QueryPlan_UsesLeaseIndexWithoutSorting()
    {
        await using var t = await TestStore.CreateAsync();
        await t.EnqueueAsync("R1");
        using var connection = t.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + Storage.Sqlite.SqliteStatements.SelectLeasable;
        command.Parameters.AddWithValue("$queue", "q");
        command.Parameters.AddWithValue("$now", 0L);
        command.Parameters.AddWithValue("$limit", 10);
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, line => line.Contains("ix_work_items_lease", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }


    [Fact]
    public async Task InitializeAsync_SecondStoreOnSameFile_IdempotentAndSharesData()
    {
        await using var t = await TestStore.CreateAsync();
        await t.EnqueueAsync("REF-1");

        await using var other = new Storage.Sqlite.SqliteFleetStore(t.Options, t.Time);
        await other.InitializeAsync(None);
        await other.InitializeAsync(None);

        Assert.NotNull(await other.FindAsync("REF-1", None));
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal("wal", t.OpenRaw().CreateCommand() is var c && (c.CommandText = "PRAGMA journal_mode") is not null ? c.ExecuteScalar() as string : null);
    }
}
