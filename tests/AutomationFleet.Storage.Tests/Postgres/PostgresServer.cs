using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutomationFleet.Storage.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>
/// A throw-away PostgreSQL server from Debian's packages, one per test run (the collection fixture): <c>initdb</c> and
/// <c>pg_ctl</c> in a temp folder, listening on a free loopback port only, trust authentication for its one user. Under
/// root it runs as the <c>postgres</c> account (via <c>runuser</c>), since PostgreSQL refuses to run as root. fsync is
/// off: the data is thrown away, and a disk flush guards only against the machine crashing, which no test does; it makes
/// each <c>CREATE DATABASE</c> cheap. <c>synchronous_commit</c> stays on: a commit is acknowledged only once its WAL is
/// written to the kernel, so <see cref="RestartImmediateAsync"/> (a crash of the server's processes) loses nothing a
/// client was told is committed. With it off, the crash test saw an item completed whose earlier hand-off the restart
/// had thrown away. Disposing stops the server and deletes the folder.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "fleet";
    private const string Template = "fleet_template";
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private string _folder = string.Empty;
    private string _bin = string.Empty;
    private string? _runAs;
    private bool _templateReady;

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string for one database on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Database = database,
    }.ConnectionString;

    // Unpooled: a pooled admin connection would be dead after RestartImmediateAsync, failing the next test's set-up.
    private string AdminConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;

    /// <summary>
    /// A fresh, empty database with a unique name; <paramref name="migrated"/> clones it from a template the store's
    /// schema was applied to once per run (so the many contract tests do not each run the upgrade), otherwise it has
    /// no schema at all (for the upgrade's own tests).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        if (migrated)
        {
            await EnsureTemplateAsync();
        }

        var name = "fleet_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = migrated ? $"CREATE DATABASE {name} TEMPLATE {Template};" : $"CREATE DATABASE {name};";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Restarts the server as a crash would leave it (<c>pg_ctl restart -m immediate</c>: every session cut off, no
    /// checkpoint, WAL replayed at start), returning once it accepts connections again. Same port and options.
    /// </summary>
    public Task RestartImmediateAsync() =>
        PgAsync("pg_ctl", ["restart", "-w", "-m", "immediate", "-D", Data, "-l", Path.Combine(_folder, "server.log")]);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _bin = FindBin();
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        _folder = Directory.CreateTempSubdirectory("fleet-storage-pg-").FullName;
        Port = FreePort();
        if (_runAs is not null)
        {
            await RunAsync("chown", ["-R", _runAs, _folder]);
        }

        await PgAsync("initdb", ["-D", Data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c full_page_writes=off -c max_connections=200";
        await PgAsync("pg_ctl", ["start", "-w", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-o", options]);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await PgAsync("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", Data]);
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
            _templateLock.Dispose();
        }
    }

    private string Data => Path.Combine(_folder, "data");

    private async Task EnsureTemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await using (var connection = new NpgsqlConnection(AdminConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {Template};";
                await command.ExecuteNonQueryAsync();
            }

            var connectionString = ConnectionString(Template);
            await using (var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = connectionString }, new FakeTimeProvider()))
            {
                await store.InitializeAsync(CancellationToken.None);
            }

            // A template may have no open sessions; DbUp's connections wait idle in Npgsql's pool.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private Task PgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, program);
        return _runAs is null ? RunAsync(path, arguments) : RunAsync("runuser", ["-u", _runAs, "--", path, .. arguments]);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    // The newest installed major version.
    private static string FindBin()
    {
        const string Root = "/usr/lib/postgresql";
        var bin = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); apt-get install postgresql postgresql-contrib");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
