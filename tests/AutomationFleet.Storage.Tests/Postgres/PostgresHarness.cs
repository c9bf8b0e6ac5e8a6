using System.Globalization;
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
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;
using Npgsql;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>A <see cref="PostgresFleetStore"/> on a fresh database of the run's server, on the harness's clock.</summary>
internal sealed class PostgresHarness : StoreHarness
{
    private PostgresHarness(string connectionString)
    {
        ConnectionString = connectionString;
        Store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = connectionString }, Time);
    }

    public string ConnectionString { get; }

    public PostgresFleetStore Store { get; }

    public override IWorkQueue Queue => Store;

    public override ISideEffectLedger Ledger => Store;

    public override IWorkerRegistry Workers => Store;

    public override IThresholdOverrideStore Thresholds => Store;

    public override IBotPauseStore Pauses => Store;

    public override Core.Updates.IUpdateStore Updates => Store;

    public override IUserStore Users => Store;

    public override IReviewQueue Reviews => Store;

    public override IFleetMetrics Metrics => Store;

    public override IIncidentStore Incidents => Store;

    public override IReviewSlaStore ReviewSla => Store;

    public override IRetentionStore Retention => Store;

    public override ISubjectAccessStore SubjectAccess => Store;

    public override IPublicStatusStore PublicStatus => Store;

    public static async Task<PostgresHarness> CreateAsync(PostgresServer server)
    {
        var harness = new PostgresHarness(await server.CreateDatabaseAsync());
        await harness.Store.InitializeAsync(CancellationToken.None);
        return harness;
    }

    public override long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public override void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public override ValueTask DisposeAsync() => Store.DisposeAsync();
}
