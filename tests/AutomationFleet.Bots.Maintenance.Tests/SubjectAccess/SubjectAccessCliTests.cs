using System.Text;
using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Worker.Cli;

namespace AutomationFleet.Bots.Maintenance.Tests.SubjectAccess;

/// <summary>
/// <c>fleet subject-access</c> end to end through the real command line on a seeded SQLite store: found by NHS number in
/// a payload and review evidence, with the incident its report opened; by normalised name and date of birth in a hand-off's field list and a
/// payload; the JSON and the original documents written; the export audited by search kind, never the values.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SubjectAccessCliTests : IAsyncLifetime
{
    private const string Nhs = "9999880983";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("af-subject-access-");
    private SqliteFleetStore _store = null!;
    private FileBlobStore _blobs = null!;

    private string Database => Path.Combine(_directory.FullName, "fleet.db");

    public async Task InitializeAsync()
    {
        _store = new SqliteFleetStore(new SqliteStoreOptions { Path = Database }, TimeProvider.System);
        await _store.InitializeAsync(None);
        _blobs = new FileBlobStore(Path.Combine(_directory.FullName, "blobs"));
        using var letter = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.4 the fall report"));
        var document = await _blobs.PutAsync("fall report.pdf", "application/pdf", letter, None);

        await Enqueue("REPORT-1", """{"kind":"fall","person":{"givenName":"Polly","surname":"O'Conner","dateOfBirth":"1959-10-26","nhsNumber":"9999880983"}}""", [document]);
        var at = DateTimeOffset.UtcNow;
        await _store.OpenAsync(
            new NewIncident("INC-1", "REPORT-1", "fall", "person", "urgent", "adult-care", null, null, null, null, null, "P-7", at, at.AddDays(1), "A fall at home", "Client slipped in the kitchen"),
            "incident-reports", "rule falls", at, None);
        await Enqueue("POST-7", """{"sourceReference":"MAIL-1","fields":[{"name":"given-name","value":"POLLY"},{"name":"surname","value":"o conner"},{"name":"date-of-birth","value":"26/10/1959"}]}""");
        await Enqueue("FORM-3", """{"person":{"givenName":"Polly","surname":"O'Conner","dateOfBirth":"1959-10-27"}}"""); // another day: not her
        await Enqueue("FORM-4", """{"person":{"givenName":"Molly","surname":"O'Conner","dateOfBirth":"1959-10-26"}}"""); // another name
        var reviewed = await Enqueue("CASE-9", """{"text":"call about a walking frame"}""", queue: "forms");
        Assert.Single(await _store.LeaseAsync("forms", "w1", 10, TimeSpan.FromMinutes(5), None));
        await _store.SendToReviewAsync(reviewed.Id, "w1", new ReviewRequest("contact-forms", null, null, 0.5, """{"candidate":{"nhs":"999 988 0983"}}""", ["two records"], false), None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SubjectAccess_ByNhsNumber_ItemsReviewTaskAuditAndDocumentsExportedAndAudited()
    {
        var output = Path.Combine(_directory.FullName, "export-nhs");

        var (exit, stdout, stderr) = await RunAsync("subject-access", "--nhs-number", "999 988 0983", "--out", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("exported 2 item(s), 1 incident(s), 1 document(s)", stdout, StringComparison.Ordinal);
        using var export = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "subject-access.json")));
        var items = export.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["REPORT-1", "CASE-9"], items.Select(i => i.GetProperty("item").GetProperty("reference").GetString()));
        Assert.Equal("nhs-number", export.RootElement.GetProperty("search").GetString());
        Assert.NotEmpty(items[0].GetProperty("audit").EnumerateArray());
        Assert.Equal("contact-forms", items[1].GetProperty("reviewTask").GetProperty("request").GetProperty("bot").GetString());
        var incident = Assert.Single(export.RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal("INC-1", incident.GetProperty("incident").GetProperty("reference").GetString());
        Assert.NotEmpty(incident.GetProperty("audit").EnumerateArray());
        var document = items[0].GetProperty("documents")[0].GetString()!;
        Assert.Equal("documents/REPORT-1/1-fall report.pdf", document);
        Assert.Equal("%PDF-1.4 the fall report", await File.ReadAllTextAsync(Path.Combine(output, document)));

        var audit = Assert.Single(await _store.ListSecurityEventsAsync("subject-access", 10, None));
        Assert.Equal(AuditActions.SubjectAccessExport, audit.Action);
        Assert.StartsWith("cli:", audit.Actor, StringComparison.Ordinal);
        Assert.Equal("search by nhs-number; items 2; incidents 1; documents 1", audit.Detail);
        Assert.DoesNotContain(Nhs, audit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("988", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectAccess_ByNameAndDateOfBirth_NormalisedMatchesOnlyThatPerson()
    {
        var output = Path.Combine(_directory.FullName, "export-name");

        var (exit, stdout, stderr) = await RunAsync("subject-access", "--name", "Mrs Polly O’Conner", "--dob", "1959-10-26", "--out", output, "--json");

        Assert.True(exit == 0, stderr);
        using var export = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "subject-access.json")));
        Assert.Equal(
            ["REPORT-1", "POST-7"],
            export.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetProperty("reference").GetString()));
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("summary").GetProperty("items").GetInt32());
        Assert.Equal("search by name-and-date-of-birth; items 2; incidents 1; documents 1", Assert.Single(await _store.ListSecurityEventsAsync("subject-access", 10, None)).Detail);
    }

    [Theory]
    [InlineData("--nhs-number", "1234567890")]
    [InlineData("--name", "Polly O'Conner")]
    [InlineData("--dob", "1959-10-26")]
    public async Task SubjectAccess_BadOrIncompleteSearch_UsageErrorAndNothingAudited(string option, string value)
    {
        var (exit, _, stderr) = await RunAsync("subject-access", option, value, "--out", Path.Combine(_directory.FullName, "never"));

        Assert.Equal(2, exit);
        Assert.DoesNotContain(value, stderr, StringComparison.Ordinal);
        Assert.Empty(await _store.ListSecurityEventsAsync("subject-access", 10, None));
    }

    private async Task<WorkItem> Enqueue(string reference, string payload, IReadOnlyList<AttachmentRef>? attachments = null, string queue = "q") =>
        (await _store.EnqueueAsync(new NewWorkItem(queue, reference, payload, attachments), "test", None)).Item;

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var config = Directory.CreateDirectory(Path.Combine(_directory.FullName, "config")).FullName;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FleetCli.RunAsync([.. args, "--config", config, "--db", Database], CliConsole.ForWriters(output, error, TextReader.Null), None);
        return (exit, output.ToString(), error.ToString());
    }
}
