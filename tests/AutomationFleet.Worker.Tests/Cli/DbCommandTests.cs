using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Worker.Tests.Cli;

/// <summary><c>fleet db migrate</c> through the real command line, on a database file in a temp folder.</summary>
[Collection(CliTestCollection.Name)]
public sealed class DbCommandTests : IAsyncDisposable
{
    private readonly CliFixture _cli = new();

    public async ValueTask DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task Migrate_NoDatabase_CreatesItThenSaysItIsCurrent()
    {
        var created = await _cli.RunAsync("db", "migrate");

        Assert.Equal(ExitCodes.Success, created.ExitCode);
        Assert.Contains("created at version", created.Output, StringComparison.Ordinal);
        Assert.Contains("Scheduler tables (Quartz.NET): ready.", created.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_cli.DatabasePath));
        Assert.True(await TableExistsAsync("qrtz_job_details"));

        var again = await _cli.RunAsync("db", "migrate", "--json");
        using var json = JsonDocument.Parse(again.Output);
        Assert.False(json.RootElement.GetProperty("changed").GetBoolean());
        Assert.Equal(json.RootElement.GetProperty("before").GetInt64(), json.RootElement.GetProperty("after").GetInt64());
    }

    [Fact]
    public async Task Migrate_OlderFile_UpgradedInPlaceKeepingItsItems()
    {
        await _cli.RunAsync("enqueue", "--queue", "q", "--reference", "kept-1");
        // A file as the previous build left it: without the newest step (incidents' text vectors), recorded at the version before.
        var current = await VersionAsync();
        await ExecuteAsync($"""
            ALTER TABLE incidents DROP COLUMN text_vector; ALTER TABLE incidents DROP COLUMN text_vector_model;
            DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES ({current - 1}, 0);
            """);

        var run = await _cli.RunAsync("db", "migrate", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(current - 1, json.RootElement.GetProperty("before").GetInt64());
        Assert.Equal(current, json.RootElement.GetProperty("after").GetInt64());
        Assert.True(await TableExistsAsync("incidents"));
        Assert.True(await TableExistsAsync("audit_purge_bound"));
        Assert.True(await TableExistsAsync("status_checks"));
        Assert.True(await TableExistsAsync("update_sends"));
        Assert.True(await TableExistsAsync("update_opt_outs"));
        Assert.Equal(ExitCodes.Success, (await _cli.RunAsync("items", "show", "kept-1")).ExitCode);
    }

    [Fact]
    public async Task Migrate_NewerFile_RefusedAndLeftAsItWas()
    {
        await _cli.RunAsync("db", "migrate");
        await ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (999, 0);");

        var run = await _cli.RunAsync("db", "migrate");

        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("schema version 999", run.Error, StringComparison.Ordinal);
        Assert.Equal(999, await VersionAsync());
    }

    private async Task<long> VersionAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand("SELECT MAX(version) FROM schema_version;", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<bool> TableExistsAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = $name;", connection);
        command.Parameters.AddWithValue("$name", table);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
