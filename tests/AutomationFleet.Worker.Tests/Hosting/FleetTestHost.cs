using AutomationFleet.Core.Bots;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Tests.Hosting;

/// <summary>A temp folder with a real SQLite database, an empty config folder, and hosts built over them.</summary>
internal sealed class FleetTestHost : IAsyncDisposable
{
    private FleetTestHost(string directory, SqliteFleetStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "fleet.db");

    public string ConfigDirectory => Path.Combine(Directory, "config");

    /// <summary>The test's own connection to the database the hosts use.</summary>
    public SqliteFleetStore Store { get; }

    public static async Task<FleetTestHost> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "af-worker-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "config"));
        var store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(directory, "fleet.db") }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return new FleetTestHost(directory, store);
    }

    public Dictionary<string, string?> BaseSettings() => new()
    {
        ["Store:Path"] = DatabasePath,
        ["Worker:LogDirectory"] = Path.Combine(Directory, "logs"),
        ["Worker:HeartbeatInterval"] = "00:00:00.5",

        // A fleet run hosts the public site too: on a free port, so tests never collide with each other or with ./fleet.sh run.
        ["PublicSite:Urls"] = "http://127.0.0.1:0",
    };

    public IHost Build(IDictionary<string, string?> settings, params IBot[] bots) => Build(settings, clock: null, bots);

    /// <summary>A host whose every service (store, consumers, pause source) runs on <paramref name="clock"/> when given.</summary>
    public IHost Build(IDictionary<string, string?> settings, TimeProvider? clock, params IBot[] bots) =>
        FleetHost.Create(["--config", ConfigDirectory], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }

            foreach (var bot in bots)
            {
                builder.Services.AddSingleton(bot);
            }
        });

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open by a host's logger; the temp folder is cleaned by the OS.
        }
    }
}
