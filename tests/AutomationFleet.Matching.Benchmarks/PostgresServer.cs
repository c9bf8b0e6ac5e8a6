using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>
/// A throw-away PostgreSQL server from Debian's packages: <c>initdb</c> and <c>pg_ctl</c> in a temp folder, listening on
/// a free loopback port only, trust authentication for its one user. PostgreSQL refuses to run as root, so under root the
/// server runs as the <c>postgres</c> system account (via <c>runuser</c>). Disposing stops it and deletes the folder.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "bench";
    private readonly string _folder;
    private readonly string _bin;
    private readonly string? _runAs;

    private PostgresServer(string folder, string bin, string? runAs, int port)
    {
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string for its <c>postgres</c> database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Database = "postgres", Pooling = false, CommandTimeout = 0,
    }.ConnectionString;

    /// <summary>
    /// Initialises and starts a server. <paramref name="settings"/> are passed as <c>-c name=value</c>; durability is
    /// switched off because the data is thrown away (it speeds the load, not the queries).
    /// </summary>
    public static async Task<PostgresServer> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bin = FindBin();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Directory.CreateTempSubdirectory("fleet-bench-pg-").FullName;
        var server = new PostgresServer(folder, bin, runAs, FreePort());
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", ["-R", runAs, folder], cancellationToken);
            }

            await server.PgAsync("initdb", ["-D", server.Data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], cancellationToken);
            var options = new List<string> { $"-p {server.Port}", "-c listen_addresses=127.0.0.1", $"-k {folder}", "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off" };
            options.AddRange(settings.Select(s => $"-c {s.Key}={s.Value}"));
            await server.PgAsync("pg_ctl", ["start", "-w", "-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-o", string.Join(' ', options)], cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string Data => Path.Combine(_folder, "data");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await PgAsync("pg_ctl", ["stop", "-w", "-m", "fast", "-D", Data], CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task PgAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_bin, program);
        return _runAs is null
            ? RunAsync(path, arguments, cancellationToken)
            : RunAsync("runuser", ["-u", _runAs, "--", path, .. arguments], cancellationToken);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    // The newest installed major version.
    private static string FindBin()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
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
