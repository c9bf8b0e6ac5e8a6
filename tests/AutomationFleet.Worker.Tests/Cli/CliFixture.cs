using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Worker.Tests.Cli;

/// <summary>
/// Runs the real <c>fleet</c> command line in-process against a fresh SQLite file in a temp folder,
/// with an empty configuration folder so nothing from the machine leaks in, capturing stdout and stderr.
/// </summary>
public sealed class CliFixture : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fleet-cli-");

    public CliFixture()
    {
        ConfigDirectory = Directory.CreateDirectory(Path.Combine(_directory.FullName, "config")).FullName;
        DatabasePath = Path.Combine(_directory.FullName, "var", "fleet.db");
    }

    public string Root => _directory.FullName;

    public string ConfigDirectory { get; }

    public string DatabasePath { get; }

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    /// <summary>Runs the CLI with <paramref name="input"/> as its standard input (e.g. for <c>--password-stdin</c>).</summary>
    public async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var exitCode = await FleetCli.RunAsync(
            [.. args, "--db", DatabasePath, "--config", ConfigDirectory],
            CliConsole.ForWriters(output, error, reader),
            CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The same store the CLI uses, opened directly, for arranging states the CLI cannot reach.</summary>
    public async Task<SqliteFleetStore> OpenStoreAsync()
    {
        var store = new SqliteFleetStore(new SqliteStoreOptions { Path = DatabasePath }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}
