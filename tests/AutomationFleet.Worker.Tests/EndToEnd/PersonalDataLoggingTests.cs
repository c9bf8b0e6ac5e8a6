using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.Security;
using AutomationFleet.Worker.Hosting;
using AutomationFleet.Worker.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Worker.Tests.EndToEnd;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection
{
    public const string Name = "Console capture";
}

/// <summary>
/// Issue 13 §3: one unmistakable, made-up person is sent through every bot (good input and bad input of each kind) and
/// through the review portal (sign in, open, decide), in one fleet process with its own logging set-up (file logs in
/// <c>Worker:LogDirectory</c> and the console). Then every log file and everything written to the console is searched
/// for every personal value, in the formats a person or a parser would write it. None may appear.
/// </summary>
[Collection(ConsoleCaptureCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PersonalDataLoggingTests
{
    private const string Password = "a-long-reviewer-password";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(180);

    private const string GivenName = "Zebedee";
    private const string Surname = "Quaxworth";
    private const string Street = "77 Quillfeather Row";
    private const string Postcode = "QW9 9ZZ";
    private const string Email = "zebedee.quaxworth@example.invalid";
    private const string Phone = "07700 900987";

    // Valid modulus-11 check digit (weights 10..2 over 738215904 give remainder 8, check digit 11 - 8 = 3).
    private const string NhsNumber = "7382159043";

    /// <summary>Every personal value, and the other ways it is commonly written; the search ignores case.</summary>
    private static readonly string[] Forbidden =
    [
        Surname, GivenName + " " + Surname, "Quillfeather", Street, Postcode, Postcode.Replace(" ", "", StringComparison.Ordinal),
        Email, "zebedee.quaxworth", Phone, Phone.Replace(" ", "", StringComparison.Ordinal), "+447700900987",
        NhsNumber, "738 215 9043", "738-215-9043",
        "29/02/1952", "1952-02-29", "29-02-1952", "29.02.1952", "29 February 1952", "29 Feb 1952", "February 29, 1952", "19520229",
        "02/29/1952", "29/2/1952",
    ];

    [Fact]
    public async Task FleetAndPortal_PersonalDataThroughEveryBotAndBadInput_NoPersonalValueInAnyLogOrConsole()
    {
        using var console = new ConsoleCapture();
        await using var fleet = await FleetTestHost.CreateAsync();
        var folders = Folders(fleet.Directory);
        var settings = Settings(fleet, folders);
        await fleet.Store.AddUserAsync("rita", PortalPasswords.Hash(Password), UserRole.Reviewer, "test", CancellationToken.None);
        foreach (var queue in new[] { "inbound-post", "contact-forms", "incident-reports", "financial-assessments" })
        {
            await fleet.Store.GrantQueueAsync("rita", queue, "test", CancellationToken.None);
        }

        var host = FleetHost.CreateWithPortal(["--config", fleet.ConfigDirectory], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Services.AddSingleton<IBot, QuotingFaultBot>();
        });
        try
        {
            await host.StartAsync();
            SeedInputs(folders);
            await SeedFaultsAsync(fleet);

            await WaitUntilSettledAsync(fleet, folders);
            var portal = Assert.Single(host.Services.GetRequiredService<PortalHostedService>().Addresses);
            await ReviewInThePortalAsync(fleet, portal);
            await WaitUntilSettledAsync(fleet, folders);
        }
        finally
        {
            await host.StopAsync();
            // Disposing the host flushes and closes the log files before they are read.
            host.Dispose();
        }

        // The fault paths ran: both faulting items used their attempts and were dead-lettered.
        foreach (var fault in new[] { "decide", "deliver" })
        {
            var item = await fleet.Store.FindAsync($"test:fault-{fault}", CancellationToken.None);
            Assert.Equal(WorkItemState.DeadLettered, item?.State);
        }

        var logs = Directory.GetFiles(settings["Worker:LogDirectory"]!, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(logs);
        var sources = logs.Select(path => (Name: path, Text: File.ReadAllText(path))).Append((Name: "console", Text: StripAnsi(console.Text))).ToList();

        // The search must see the fleet's real output: the items' references are logged, so they must be found.
        Assert.Contains(sources, s => s.Text.Contains("contact-forms:", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Text.Contains("failed deciding item test:fault-decide", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Text.Contains("System.FormatException: " + RedactedException.Withheld, StringComparison.Ordinal));
        var leaks = (
            from source in sources
            from value in Forbidden
            let at = source.Text.IndexOf(value, StringComparison.OrdinalIgnoreCase)
            where at >= 0
            select $"{Path.GetFileName(source.Name)}: '{value}' in …{Around(source.Text, at)}…").ToList();
        Assert.True(leaks.Count == 0, "Personal data in the logs:\n" + string.Join("\n", leaks));
    }

    private sealed record InputFolders(string Post, string ContactForms, string Incidents, string Assessments, string Print);

    private static InputFolders Folders(string root)
    {
        string Make(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        return new InputFolders(Make("inbox"), Make("contact-forms"), Make("incident-reports"), Make("financial-assessments"), Make("print"));
    }

    private static Dictionary<string, string?> Settings(FleetTestHost fleet, InputFolders folders)
    {
        var root = fleet.Directory;
        var settings = fleet.BaseSettings();
        settings["Portal:Urls"] = "http://127.0.0.1:0";
        settings["Store:BlobDirectory"] = Path.Combine(root, "blobs");

        // The shipped logging levels (config/appsettings.json), but the fleet's own code at Debug: a leak at any level counts.
        settings["Serilog:MinimumLevel:Default"] = "Debug";
        settings["Serilog:MinimumLevel:Override:Microsoft"] = "Warning";
        settings["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Information";
        settings["Serilog:MinimumLevel:Override:Polly"] = "Warning";
        settings["Serilog:MinimumLevel:Override:Quartz"] = "Warning";

        settings["Inbox:Path"] = folders.Post;
        settings["Inbox:QuarantinePath"] = Path.Combine(root, "quarantine");
        settings["Inbox:ProcessedPath"] = Path.Combine(root, "processed");
        settings["Inbox:PollInterval"] = "00:00:00.200";
        settings["InboundPost:ModelPath"] = Path.Combine(root, "models", "post.model");
        settings["InboundPost:TrainingData"] = RepositoryFiles.Path("config", "training", "council-post.csv");
        settings["InboundPost:HeldOutData"] = RepositoryFiles.Path("config", "training", "council-post-heldout.csv");
        settings["InboundPost:TaxonomyPath"] = RepositoryFiles.Path("config", "taxonomy.json");
        settings["InboundPost:DropFolder"] = Path.Combine(root, "outbox");
        settings["TextEmbeddings:CacheDirectory"] = Path.Combine(root, "embeddings");

        settings["CaseRecords:Path"] = RepositoryFiles.Path("samples", "case-records", "people.csv");
        settings["CaseRecords:ColumnMapPath"] = RepositoryFiles.Path("config", "case-records.columns.json");
        settings["CaseRecords:IndexPath"] = Path.Combine(root, "person-index");
        settings["ContactForms:NewPerson"] = "Review";

        settings["IncidentReports:AllocationPath"] = RepositoryFiles.Path("config", "incidents", "allocation.json");
        settings["IncidentReports:GazetteerPath"] = RepositoryFiles.Path("config", "incidents", "gazetteer.csv");
        settings["IncidentReports:PersonTeamsPath"] = RepositoryFiles.Path("samples", "case-records", "teams.csv");

        settings["FinancialAssessments:RatesDirectory"] = RepositoryFiles.Path("config", "charging");
        settings["FinancialAssessments:PrintFolder"] = folders.Print;
        settings["Resilience:Delivery:RetryDelay"] = "00:00:00.100";

        foreach (var (queue, folder) in new[]
        {
            ("contact-forms", folders.ContactForms), ("incident-reports", folders.Incidents), ("financial-assessments", folders.Assessments),
        })
        {
            settings[$"Inboxes:{queue}:Path"] = folder;
            settings[$"Inboxes:{queue}:QuarantinePath"] = Path.Combine(root, queue + "-quarantine");
            settings[$"Inboxes:{queue}:ProcessedPath"] = Path.Combine(root, queue + "-processed");
            settings[$"Inboxes:{queue}:Queue"] = queue;
            settings[$"Inboxes:{queue}:AllowedExtensions:0"] = ".json";
            settings[$"Inboxes:{queue}:PollInterval"] = "00:00:00.200";
        }

        foreach (var queue in new[] { "inbound-post", "contact-forms", "incident-reports", "incident-escalations", "financial-assessments", QuotingFaultBot.QueueName })
        {
            settings[$"Queues:{queue}:PollInterval"] = "00:00:00.200";
            // Faults are retried once, quickly, then dead-lettered: the fault paths are logged within the test's time.
            settings[$"Queues:{queue}:MaxAttempts"] = "2";
            settings[$"Queues:{queue}:BaseDelay"] = "00:00:00.200";
            settings[$"Queues:{queue}:MaxDelay"] = "00:00:00.500";
        }

        return settings;
    }

    private static void SeedInputs(InputFolders folders)
    {
        var letter = $"""
            {GivenName} {Surname}
            {Street}
            Ashby {Postcode}
            Telephone {Phone}   E-mail {Email}
            Date of birth: 29/02/1952   NHS number: 738 215 9043

            Dear Sir or Madam,
            I am writing to renew my Blue Badge, which runs out next month. My date of birth is 29 February 1952.
            Please write to me at {Street}, {Postcode}.
            Yours faithfully, {GivenName} {Surname}
            """;
        File.WriteAllText(Path.Combine(folders.Post, $"letter-from-{Surname.ToLowerInvariant()}.txt"), letter);
        // A file that claims to be a PDF and is not one, the person's details in its bytes (and its name).
        File.WriteAllBytes(
            Path.Combine(folders.Post, $"{Surname}-scan.pdf"),
            Encoding.Latin1.GetBytes($"%PDF-1.7\n1 0 obj << /Name ({GivenName} {Surname}) /Address ({Street} {Postcode}) >>\nstream\n{letter}\nendstream\nnot a pdf at all"));

        var person = $$"""{ "givenName": "{{GivenName}}", "surname": "{{Surname}}", "dateOfBirth": "1952-02-29", "postcode": "{{Postcode}}" }""";
        File.WriteAllText(
            Path.Combine(folders.ContactForms, "form.json"),
            $$"""{ "person": {{person}}, "message": "I am {{GivenName}} {{Surname}} of {{Street}}, {{Postcode}}; call me on {{Phone}} or {{Email}}. I need help with personal care." }""");
        File.WriteAllText(
            Path.Combine(folders.ContactForms, "broken.json"),
            $$"""{ "person": { "givenName": "{{GivenName}}", "surname": "{{Surname}}" "dateOfBirth": "29/02/1952", "postcode": "{{Postcode}}" """);
        File.WriteAllText(
            Path.Combine(folders.ContactForms, "wrong-type.json"),
            $$"""{ "person": { "givenName": "{{GivenName}}", "surname": "{{Surname}}", "dateOfBirth": "{{GivenName}} {{Surname}} 29/02/1952" }, "message": "{{Street}}" }""");

        var incidentPerson = $$"""{ "givenName": "{{GivenName}}", "surname": "{{Surname}}", "dateOfBirth": "1952-02-29", "postcode": "{{Postcode}}", "nhsNumber": "{{NhsNumber}}" }""";
        File.WriteAllText(
            Path.Combine(folders.Incidents, "concern.json"),
            $$"""{ "kind": "safeguarding-concern", "person": {{incidentPerson}}, "reporter": { "name": "{{GivenName}} {{Surname}}", "email": "{{Email}}", "phone": "{{Phone}}" }, "description": "{{GivenName}} {{Surname}} of {{Street}} ({{Postcode}}, NHS 738 215 9043, born 29/02/1952) has unexplained bruising." }""");
        File.WriteAllText(
            Path.Combine(folders.Incidents, "broken.json"),
            $$"""{ "kind": "fall", "person": {{incidentPerson}}, "description": "{{GivenName}} {{Surname}} fell at {{Street}}" ]""");
        File.WriteAllText(
            Path.Combine(folders.Incidents, "wrong-type.json"),
            $$"""{ "kind": "fall", "severity": "{{GivenName}} {{Surname}}", "reportedAt": "{{Street}} 29/02/1952", "person": {{incidentPerson}}, "description": "fell" }""");

        File.WriteAllText(
            Path.Combine(folders.Assessments, "FA-PII-1.json"),
            $$"""
            { "reference": "FA-PII-1", "effectiveDate": "2025-06-02", "setting": "home",
              "person": { "dateOfBirth": "1952-02-29", "couple": false },
              "income": [ { "type": "state-pension", "weekly": 230.25 } ],
              "capital": [ { "type": "savings", "amount": 1000.00 } ],
              "costOfCare": { "weekly": 120.00 },
              "addressee": { "name": "{{GivenName}} {{Surname}}", "address": [ "{{Street}}", "Ashby", "{{Postcode}}" ] } }
            """);
        File.WriteAllText(
            Path.Combine(folders.Assessments, "FA-PII-2.json"),
            $$"""{ "reference": "FA-PII-2", "addressee": { "name": "{{GivenName}} {{Surname}}", "address": [ "{{Street}}" ] }, "person": { "dateOfBirth": "29/02/1952" """);
        File.WriteAllText(
            Path.Combine(folders.Assessments, "FA-PII-3.json"),
            $$"""{ "reference": "FA-PII-3", "effectiveDate": "{{GivenName}} {{Surname}}", "setting": "{{Street}}", "person": { "dateOfBirth": "29/02/1952" }, "addressee": { "name": "{{GivenName}} {{Surname}}", "address": [ "{{Postcode}}" ] } }""");
    }

    // Items that make the runner log a fault: one while deciding, one while delivering (retried, then dead-lettered).
    private static async Task SeedFaultsAsync(FleetTestHost fleet)
    {
        var text = $"{GivenName} {Surname}, {Street}, {Postcode}, born 29/02/1952, NHS {NhsNumber}, {Email}, {Phone}";
        foreach (var fault in new[] { "decide", "deliver" })
        {
            var payload = System.Text.Json.JsonSerializer.Serialize(new { text, fault });
            await fleet.Store.EnqueueAsync(new NewWorkItem(QuotingFaultBot.QueueName, $"test:fault-{fault}", payload), "test", CancellationToken.None);
        }
    }

    // Settled: every seeded file taken from its folder, and no item waiting, running or due a retry.
    private static async Task WaitUntilSettledAsync(FleetTestHost fleet, InputFolders folders)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var filesLeft = new[] { folders.Post, folders.ContactForms, folders.Incidents, folders.Assessments }
                .Sum(f => Directory.GetFiles(f).Length);
            var depth = await fleet.Store.GetDepthAsync(CancellationToken.None);
            var busy = depth.Where(d => d.State is WorkItemState.New or WorkItemState.InProgress or WorkItemState.Retrying).Sum(d => d.Count);
            if (filesLeft == 0 && busy == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not settled in {WaitLimit}: {filesLeft} file(s) left, {busy} item(s) busy");
            await Task.Delay(250);
        }
    }

    // A reviewer signs in, opens the contact form and the incident report the bots sent to review, and decides both,
    // writing the person's details in the reason as a reviewer might.
    private static async Task ReviewInThePortalAsync(FleetTestHost fleet, string portal)
    {
        using var http = new PortalHttp(portal);
        using (var signIn = await http.SignInAsync("rita", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // Found by what the bots made of the good inputs; not asserted on the whole task, whose text would fill the test output.
        var tasks = await fleet.Store.ListAsync(new ReviewFilter(Limit: 100), CancellationToken.None);
        var contactForm = tasks.FirstOrDefault(t => t.Request.Bot == "contact-forms" && t.Request.EvidenceJson.Contains("personal care", StringComparison.Ordinal));
        var incident = tasks.FirstOrDefault(t => t.Request.Bot == "incident-reports");
        var letter = tasks.FirstOrDefault(t => t.Request.Bot == "inbound-post" && t.Request.Category == "blue-badge");
        Assert.True(contactForm is not null, "The contact form was not sent to review");
        Assert.True(incident is not null, "The safeguarding concern was not sent to review");
        Assert.True(letter is not null, "The Blue Badge letter was not sent to review");
        foreach (var (task, kind) in new[] { (contactForm, "reject"), (incident, "approve"), (letter, "approve") })
        {
            var item = $"/review/items/{task.ItemId.ToString(CultureInfo.InvariantCulture)}";
            using var opened = await http.GetAsync(item);
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            var page = await opened.Content.ReadAsStringAsync();
            Assert.Contains("id=\"decision-form\"", page, StringComparison.Ordinal);

            using var decided = await http.PostFormAsync(
                item + "?handler=Decide",
                new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Token(page),
                    ["Decision.Kind"] = kind,
                    ["Decision.Reason"] = $"Spoke to {GivenName} {Surname} on {Phone}; lives at {Street}, {Postcode}, born 29/02/1952.",
                });
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
            Assert.Contains("decided=true", decided.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    private static string Token(string page)
    {
        var match = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "No anti-forgery token on the page");
        return match.Groups[1].Value;
    }

    private static string StripAnsi(string text) => Regex.Replace(text, "\u001b\\[[0-9;]*m", "");

    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 120);
        return text.Substring(start, Math.Min(text.Length - start, 240)).ReplaceLineEndings(" ");
    }
}
