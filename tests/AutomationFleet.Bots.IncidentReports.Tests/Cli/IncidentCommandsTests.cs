using System.Text.Json;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Bots.IncidentReports.Tests.Cli;

/// <summary><c>fleet incidents allocate|list|show|close</c> through the real command line, on a store in a temp folder.</summary>
[Trait("Category", "Integration")]
public sealed class IncidentCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("af-incident-cli-");

    private string Database => Path.Combine(_directory.FullName, "var", "fleet.db");

    [Fact]
    public async Task Allocate_JsonlWithGoodAndBadReports_EachDecisionWithReasonsAndExit2()
    {
        var file = Write("reports.jsonl", string.Join('\n',
            """{"kind":"pothole","place":{"address":"14 Albert Avenue, Ashby","postcode":"QW1 7DU"},"description":"Pothole outside number 14."}""",
            """{"kind":"volcano","description":"Lava."}""",
            """{"kind":"safeguarding-concern","description":"Worried about neglect."}""",
            """{"description":"broken"""));

        var result = await RunAsync("incidents", "allocate", "--input", file);

        Assert.Equal(2, result.Exit);
        Assert.Contains("report 1: allocated INC-", result.Output, StringComparison.Ordinal);
        Assert.Contains("to highways-north", result.Output, StringComparison.Ordinal);
        Assert.Contains("Highways in the north", result.Output, StringComparison.Ordinal);
        Assert.Contains("report 2: refused", result.Output, StringComparison.Ordinal);
        Assert.Contains("kind: 'volcano' is not a kind", result.Output, StringComparison.Ordinal);
        Assert.Contains("report 3: to a person, urgent", result.Output, StringComparison.Ordinal);
        Assert.Contains("report 4: refused", result.Output, StringComparison.Ordinal);
        // Nothing is recorded: allocate only shows.
        await using var store = await OpenStoreAsync();
        Assert.Empty(await store.ListOpenAsync(null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ListShowClose_AnOpenIncident_ListedShownThenClosedAndAudited()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var store = await OpenStoreAsync())
        {
            await store.OpenAsync(
                new NewIncident("INC-TEST000001", "r-1", "pothole", "road-surface", "routine", "highways-north", "hn-01", "ashby", "WS000001",
                    52.749, -1.302, null, now.AddHours(-1), now.AddHours(-2), "Pothole, Albert Avenue, Ashby (ashby)", "words"),
                "test", "rule 'Highways in the north'", now, CancellationToken.None);
        }

        var list = await RunAsync("incidents", "list", "--team", "highways-north");
        Assert.Equal(0, list.Exit);
        Assert.Contains("INC-TEST000001", list.Output, StringComparison.Ordinal);
        Assert.Contains("BREACHED", list.Output, StringComparison.Ordinal);
        Assert.Contains("INC-TEST000001", (await RunAsync("incidents", "list", "--breaching")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-TEST000001", (await RunAsync("incidents", "list", "--team", "environment")).Output, StringComparison.Ordinal);

        var show = await RunAsync("incidents", "show", "INC-TEST000001");
        Assert.Equal(0, show.Exit);
        Assert.Contains("\"opened\"", show.Output, StringComparison.Ordinal);

        var close = await RunAsync("incidents", "close", "INC-TEST000001", "--note", "filled in");
        Assert.Equal(0, close.Exit);
        await using var after = await OpenStoreAsync();
                Assert.Equal(IncidentState.Closed, (await after.GetAsync("INC-TEST000001", CancellationToken.None))!.State);
        Assert.Contains(await after.AuditAsync("INC-TEST000001", CancellationToken.None), a => a.ToState == IncidentState.Closed && a.Detail == "filled in" && a.Actor.StartsWith("cli:", StringComparison.Ordinal));

        var again = await RunAsync("incidents", "close", "INC-TEST000001");
        Assert.Equal(2, again.Exit);
        Assert.Contains("cannot go from Closed to Closed", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_UnknownIncident_Exit2NamingIt()
    {
        await (await OpenStoreAsync()).DisposeAsync();

        var result = await RunAsync("incidents", "close", "INC-NOPE");

        Assert.Equal(2, result.Exit);
        Assert.Contains("No incident INC-NOPE", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private async Task<SqliteFleetStore> OpenStoreAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Database)!);
        var store = new SqliteFleetStore(new SqliteStoreOptions { Path = Database }, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => IncidentCli.RunAsync(_directory, [.. args, "--db", Database]);
}
