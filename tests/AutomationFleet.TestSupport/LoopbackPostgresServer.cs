using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AutomationFleet.TestSupport;

/// <summary>
/// A throw-away PostgreSQL server from Debian's packages: <c>initdb</c> and <c>pg_ctl</c> in a temp folder, listening on
/// a free loopback port only, trust authentication for its one user. Under root it runs as the <c>postgres</c> account
/// (via <c>runuser</c>), since PostgreSQL refuses to run as root. fsync and full-page writes are off: the data is thrown
/// away, and a disk flush guards only against the machine crashing, which no test does; it makes each
/// <c>CREATE DATABASE</c> cheap. <c>synchronous_commit</c> stays on: a commit is acknowledged only once its WAL is
/// written to the kernel, so <see cref="RestartImmediateAsync"/> (a crash of the server's processes) loses nothing a
/// client was told is committed. With it off, the crash test saw an item completed whose earlier hand-off the restart
/// had thrown away; and it is how the fleet runs, so the benchmarks measure it too. Disposing stops the server and
/// deletes the folder.
/// </summary>
public sealed class LoopbackPostgresServer : IAsyncDisposable
{
    private const string User = "fleet";
    private readonly string _folder;
    private readonly string _bin;
    private readonly string? _runAs;

    private LoopbackPostgresServer(string folder, string bin, string? runAs, int port)
    {
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>
    /// The <c>postgres</c> database, unpooled: for creating and dropping databases. A pooled admin connection would be
    /// dead after <see cref="RestartImmediateAsync"/>, failing the next user's first command.
    /// </summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;

    /// <summary>A connection string for one database on this server (pooled, Npgsql's defaults).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Database = database,
    }.ConnectionString;

    /// <summary>
    /// Initialises and starts a server. <paramref name="settings"/> are added as <c>-c name=value</c> (e.g. memory for a
    /// large load); they may not switch <c>synchronous_commit</c> off.
    /// </summary>
    public static async Task<LoopbackPostgresServer> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        if (settings?.ContainsKey("synchronous_commit") == true)
        {
            throw new ArgumentException("synchronous_commit stays on (see the class remarks).", nameof(settings));
        }

        var bin = FindBin();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Directory.CreateTempSubdirectory("fleet-pg-").FullName;
        var server = new LoopbackPostgresServer(folder, bin, runAs, FreePort());
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", ["-R", runAs, folder], cancellationToken);
            }

            await server.PgAsync("initdb", ["-D", server.Data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], cancellationToken);
            var options = new List<string>
            {
                $"-p {server.Port}", "-c listen_addresses=127.0.0.1", $"-k {folder}", "-c fsync=off", "-c full_page_writes=off", "-c max_connections=200",
            };
            options.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"-c {s.Key}={s.Value}"));
            await server.PgAsync("pg_ctl", ["start", "-w", "-D", server.Data, "-l", server.Log, "-o", string.Join(' ', options)], cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new database named <paramref name="prefix"/><c>_</c>GUID, empty or a copy of <paramref name="template"/>;
    /// returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix, string? template = null, CancellationToken cancellationToken = default)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N");
        await ExecuteAdminAsync(template is null ? $"CREATE DATABASE {name};" : $"CREATE DATABASE {name} TEMPLATE {template};", cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Drops a database, closing whatever is still connected to it.</summary>
    public Task DropDatabaseAsync(string databaseConnectionString, CancellationToken cancellationToken = default) =>
        ExecuteAdminAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(databaseConnectionString).Database} WITH (FORCE);", cancellationToken);

    /// <summary>Runs one statement on the <c>postgres</c> database over an unpooled connection.</summary>
    public async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Restarts the server as a crash would leave it (<c>pg_ctl restart -m immediate</c>: every session cut off, no
    /// checkpoint, WAL replayed at start), returning once it accepts connections again. Same port and options.
    /// </summary>
    public Task RestartImmediateAsync() =>
        PgAsync("pg_ctl", ["restart", "-w", "-m", "immediate", "-D", Data, "-l", Log], CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await PgAsync("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", Data], CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string Data => Path.Combine(_folder, "data");

    private string Log => Path.Combine(_folder, "server.log");

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
