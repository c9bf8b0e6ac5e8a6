using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AutomationFleet.Queue.Benchmarks.Postgres;

/// <summary>
/// The PostgreSQL server both sides use: the one <c>--connection</c> names (its account must be allowed to create
/// databases), or else a throw-away server started the way the storage tests' fixture starts one
/// (<c>tests/AutomationFleet.Storage.Tests/Postgres/PostgresServer.cs</c>, copied rather than referenced because that
/// one is an xUnit fixture): <c>initdb</c> and <c>pg_ctl</c> in a temp folder, loopback only, trust authentication, under
/// root as the <c>postgres</c> account. The throw-away server runs with <c>fsync=off</c>, <c>synchronous_commit=off</c>
/// and <c>full_page_writes=off</c> — the data is thrown away, and the disk here is shared with other builds; both
/// sides use the same server, so the setting is the same for both. Each side gets its own new database per run.
/// </summary>
public sealed class PostgresBenchServer(string? connectionString) : IAsyncDisposable
{
    private const string User = "fleet";
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private string? _adminConnectionString = connectionString;
    private string? _folder;
    private string? _bin;
    private string? _runAs;

    /// <summary>How the server was chosen and what it commits with, for the report.</summary>
    public string Description { get; private set; } = string.Empty;

    /// <summary>Starts the throw-away server unless <c>--connection</c> was given; idempotent.</summary>
    public async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_adminConnectionString is not null && Description.Length > 0)
            {
                return;
            }

            if (_adminConnectionString is null)
            {
                await StartAsync();
            }

            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(cancellationToken);
            var settings = new List<string>();
            foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes" })
            {
                await using var command = new NpgsqlCommand("SELECT current_setting('" + name + "')", connection);
                settings.Add($"{name}={await command.ExecuteScalarAsync(cancellationToken)}");
            }

            Description = $"PostgreSQL {connection.PostgreSqlVersion} ({(_folder is null ? "--connection" : "throw-away server")}, "
                + string.Join(", ", settings) + ")";
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>A new, empty database named after <paramref name="prefix"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken);
        var name = prefix + "_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string databaseConnectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is not null)
        {
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
            }
        }

        _startLock.Dispose();
    }

    private string Data => Path.Combine(_folder!, "data");

    private async Task StartAsync()
    {
        _bin = FindBin();
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        _folder = Directory.CreateTempSubdirectory("fleet-peer-bench-pg-").FullName;
        var port = FreePort();
        if (_runAs is not null)
        {
            await RunAsync("chown", ["-R", _runAs, _folder]);
        }

        await PgAsync("initdb", ["-D", Data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=200";
        await PgAsync("pg_ctl", ["start", "-w", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-o", options]);
        _adminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = User, Database = "postgres",
        }.ConnectionString;
    }

    private Task PgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin!, program);
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
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install it or pass --connection.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
