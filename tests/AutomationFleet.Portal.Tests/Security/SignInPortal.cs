using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>
/// A temp SQLite store with one account of each role (password <see cref="PortalFixture.Password"/>) and any number of
/// portals over it, each on its own loopback port with its own settings and clock; disposing stops them and deletes the store.
/// </summary>
internal sealed class SignInPortal : IAsyncDisposable
{
    public const string Reviewer = "rita";
    public const string Administrator = "ada";

    private readonly List<WebApplication> _portals = [];

    private SignInPortal(string root, SqliteFleetStore store)
    {
        Root = root;
        Store = store;
    }

    public string Root { get; }

    public SqliteFleetStore Store { get; }

    public static async Task<SignInPortal> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("fleet-signin-").FullName;
        var store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(root, "fleet.db") }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        await store.AddUserAsync(Reviewer, PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", CancellationToken.None);
        await store.AddUserAsync(Administrator, PortalPasswords.Hash(PortalFixture.Password), UserRole.Administrator, "test", CancellationToken.None);
        await TestTwoFactor.EnrolAsync(store, Administrator);
        return new SignInPortal(root, store);
    }

    /// <summary>Starts a portal over the store; returns its base URL.</summary>
    public async Task<string> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var app = Build(settings, clock);
        await app.StartAsync();
        _portals.Add(app);
        return PortalFixture.Address(app);
    }

    /// <summary>A portal built but not started (for start-up failures).</summary>
    public WebApplication Build(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Urls"] = "http://127.0.0.1:0" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var blobs = new FileBlobStore(Path.Combine(Root, "blobs"));
        return PortalWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IWorkQueue>(Store);
            shared.AddSingleton<IReviewQueue>(Store);
            shared.AddSingleton<IUserStore>(Store);
            shared.AddSingleton<IFleetMetrics>(Store);
            shared.AddSingleton<IBlobStore>(blobs);
            shared.AddSingleton(clock ?? TimeProvider.System);
        });
    }

    /// <summary>Stops the portal at <paramref name="baseUrl"/> (a restart is a new <see cref="StartAsync"/>).</summary>
    public async Task StopAsync(string baseUrl)
    {
        var app = _portals.Single(p => PortalFixture.Address(p) == baseUrl);
        await app.StopAsync();
        await app.DisposeAsync();
        _portals.Remove(app);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _portals)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await Store.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
