using System.Text.Json;
using AutomationFleet.Storage.Tests.Postgres;
using AutomationFleet.Worker.Tests.Postgres;
using Npgsql;

namespace AutomationFleet.Worker.Tests.Cli;

/// <summary>
/// The real <c>fleet</c> command line on PostgreSQL: one setting (<c>Store:Provider</c> and a connection string in the
/// configuration folder) switches it, and it makes no SQLite file on the way.
/// </summary>
[Collection(PostgresWorkerCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresCliTests(PostgresServer server) : IAsyncDisposable
{
    private readonly CliFixture _cli = new();
    private string _connectionString = string.Empty;

    public async ValueTask DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task DbMigrate_EmptyDatabase_CreatesFleetAndSchedulerTablesThenSaysItIsCurrent()
    {
        await UsePostgresAsync(migrated: false);

        var created = await _cli.RunAsync("db", "migrate", "--json");

        Assert.Equal(ExitCodes.Success, created.ExitCode);
        using (var json = JsonDocument.Parse(created.Output))
        {
            Assert.Equal("postgres", json.RootElement.GetProperty("provider").GetString());
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("before").ValueKind);
            Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
            Assert.DoesNotContain("Password", json.RootElement.GetProperty("location").GetString()!, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(await TableExistsAsync("work_items"));
        Assert.True(await TableExistsAsync("qrtz_job_details"));
        var again = await _cli.RunAsync("db", "migrate", "--json");
        using (var json = JsonDocument.Parse(again.Output))
        {
            Assert.False(json.RootElement.GetProperty("changed").GetBoolean());
            Assert.Equal(json.RootElement.GetProperty("before").GetInt64(), json.RootElement.GetProperty("after").GetInt64());
        }

        Assert.False(File.Exists(_cli.DatabasePath));
    }

    [Fact]
    public async Task EnqueueStatusItemsShow_Postgres_SeeTheItemInTheDatabase()
    {
        await UsePostgresAsync(migrated: true);

        var enqueued = await _cli.RunAsync("enqueue", "--queue", "post", "--reference", "PG-CLI-1", "--payload", """{"n":1}""");
        var status = await _cli.RunAsync("status", "--json");
        var shown = await _cli.RunAsync("items", "show", "PG-CLI-1", "--json");

        Assert.Equal(ExitCodes.Success, enqueued.ExitCode);
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        using (var json = JsonDocument.Parse(status.Output))
        {
            var depth = Assert.Single(json.RootElement.GetProperty("queues").EnumerateArray());
            Assert.Equal("post", depth.GetProperty("queue").GetString());
            Assert.Equal("New", depth.GetProperty("state").GetString());
            Assert.Equal(1, depth.GetProperty("count").GetInt32());
        }

        Assert.Equal(ExitCodes.Success, shown.ExitCode);
        Assert.Contains("PG-CLI-1", shown.Output, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM work_items WHERE reference = 'PG-CLI-1'"));
        Assert.False(File.Exists(_cli.DatabasePath));
    }

    private async Task UsePostgresAsync(bool migrated)
    {
        _connectionString = await server.CreateDatabaseAsync(migrated);
        var settings = new { Store = new { Provider = "postgres", ConnectionString = _connectionString } };
        await File.WriteAllTextAsync(Path.Combine(_cli.ConfigDirectory, "appsettings.json"), JsonSerializer.Serialize(settings));
    }

    private async Task<bool> TableExistsAsync(string table) =>
        await ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = '{table}'") > 0;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
