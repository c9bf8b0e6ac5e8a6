using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>A <see cref="TestStore"/> (a fresh SQLite file) as a contract test's store, on the harness's clock.</summary>
internal sealed class SqliteHarness : StoreHarness
{
    private TestStore _test = null!;

    public SqliteFleetStore Store => _test.Store;

    /// <summary>The SQLite test store underneath, for SQLite-only tests (its file, its options).</summary>
    public TestStore Test => _test;

    public override IWorkQueue Queue => _test.Store;

    public override ISideEffectLedger Ledger => _test.Store;

    public override IWorkerRegistry Workers => _test.Store;

    public override IThresholdOverrideStore Thresholds => _test.Store;

    public override IBotPauseStore Pauses => _test.Store;

    public override Core.Updates.IUpdateStore Updates => _test.Store;

    public override IUserStore Users => _test.Store;

    public override IReviewQueue Reviews => _test.Store;

    public override IFleetMetrics Metrics => _test.Store;

    public override IIncidentStore Incidents => _test.Store;

    public override IReviewSlaStore ReviewSla => _test.Store;

    public override IRetentionStore Retention => _test.Store;

    public override ISubjectAccessStore SubjectAccess => _test.Store;

    public override IPublicStatusStore PublicStatus => _test.Store;

    public static async Task<SqliteHarness> CreateAsync()
    {
        var harness = new SqliteHarness();
        harness._test = await TestStore.CreateAsync(harness.Time);
        return harness;
    }

    public override long Scalar(string sql) => _test.Scalar(sql);

    public override void Execute(string sql)
    {
        using var connection = _test.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override ValueTask DisposeAsync() => _test.DisposeAsync();
}
