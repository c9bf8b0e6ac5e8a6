using AutomationFleet.Storage;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Postgres;

namespace AutomationFleet.Portal.Tests.EndToEnd;

/// <summary>The portal fixture over PostgreSQL: its own server on loopback (initdb, pg_ctl), one migrated database.</summary>
public sealed class PostgresPortalFixture : PortalFixture
{
    private readonly PostgresServer _server = new();

    protected override string StoreName => "postgres";

    protected override async Task<IFleetStore> OpenStoreAsync(string root)
    {
        await _server.InitializeAsync();
        var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = await _server.CreateDatabaseAsync() }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task CloseDatabaseAsync() => _server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresPortalCollection : ICollectionFixture<PostgresPortalFixture>
{
    public const string Name = "portal on PostgreSQL";
}
