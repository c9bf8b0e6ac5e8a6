using System.Text.Json;
using AutomationFleet.Bots.ContactForms;
using AutomationFleet.Bots.Updates.OptOut;
using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using AutomationFleet.Bots.IncidentReports;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.PublicSite.Estimate;
using AutomationFleet.PublicSite.Hosting;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace AutomationFleet.PublicSite.Tests.EndToEnd;

/// <summary>
/// A real public site and a real staff portal on free loopback ports over one temp SQLite store, seeded with items in
/// each stage, on a fake clock, the bots' own status readers and calculator; and Debian's Chromium driven by Playwright.
/// The site believes X-Forwarded-For from loopback, so each test sends its own client address and the per-address limit
/// of one test does not touch another's.
/// </summary>
public sealed class PublicSiteFixture : IAsyncLifetime
{
    public const int MaxFailedChecks = 3;
    public const string StaffPassword = "correct-horse-battery";

    /// <summary>Monday 5 January 2026, 09:00 UK: when the items arrive. The site is looked at on Wednesday 7th.</summary>
    public static readonly DateTimeOffset Received = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public const string ContactPostcode = "so7 4dt";
    public static readonly DateOnly ContactDateOfBirth = new(1984, 3, 12);
    public const string ContactGivenName = "Favian";
    public const string ContactSurname = "Nicolaus";
    public const string ReviewerNote = "Reviewer Margaret Oduya: the caller sounded confused, check with her GP";
    public const string HighwaysPostcode = "QW1 7DU";
    public const string LetterPostcode = "AB1 2CD";
    public static readonly DateOnly LetterDateOfBirth = new(1953, 5, 1);
    public const string NotOursPostcode = "ZX9 9ZZ";
    public const string IncidentPostcode = "QW1 8AA";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-public-").FullName;
    private WebApplication? _site;
    private WebApplication? _portal;
    private IPlaywright? _playwright;
    private int _nextClient;

    public FakeTimeProvider Time { get; } = new(Received);

    public SqliteFleetStore Store { get; private set; } = null!;

    /// <summary>The signer of the updates' opt-out links, with a key made for the run.</summary>
    public static OptOutToken OptOutTokens { get; } = new(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string PortalUrl { get; private set; } = "";

    public ChargeAssessor Assessor { get; private set; } = null!;

    public WorkItem ContactItem { get; private set; } = null!;

    public WorkItem ReviewItem { get; private set; } = null!;

    public WorkItem LetterItem { get; private set; } = null!;

    public WorkItem HandedOnItem { get; private set; } = null!;

    public WorkItem NotOursItem { get; private set; } = null!;

    /// <summary>An incident report allocated to Highways North, assigned to one of its inspectors.</summary>
    public WorkItem AllocatedIncidentItem { get; private set; } = null!;

    /// <summary>An item only the rate-limit test guesses at.</summary>
    public WorkItem GuessedItem { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, Time);
        await Store.InitializeAsync(CancellationToken.None);
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        await SeedAsync(blobs);
        Time.SetUtcNow(Received.AddDays(2).AddHours(1));

        Assessor = new ChargeAssessor(ChargingRates.Load(Path.Combine(AppContext.BaseDirectory, "config", "charging")), new LocalChargingPolicy());
        _site = await StartSiteAsync(Store, blobs, Time, Assessor, new Dictionary<string, string?>());
        BaseUrl = PortalFixture.Address(_site);

        await Store.AddUserAsync("rita", PortalPasswords.Hash(StaffPassword), UserRole.Reviewer, "test", CancellationToken.None);
        await Store.GrantQueueAsync("rita", "contact-forms", "test", CancellationToken.None);
        await Store.AddUserAsync("dora", PortalPasswords.Hash(StaffPassword), UserRole.Supervisor, "test", CancellationToken.None);
        _portal = await StartPortalAsync(Store, blobs);
        PortalUrl = PortalFixture.Address(_portal);

        _playwright = await Playwright.CreateAsync();
        Browser = await PortalFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var app in new[] { _site, _portal })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }

        await Store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// A public site on a free loopback port over <paramref name="store"/>, with the shipped <c>PublicSite</c> settings
    /// (config/appsettings.json) and the bots' status readers, as the fleet hosts it; stop and dispose it when done.
    /// </summary>
    public static async Task<WebApplication> StartSiteAsync<TStore>(
        TStore store, IBlobStore blobs, TimeProvider time, ChargeAssessor assessor, IDictionary<string, string?> settings)
        where TStore : IPublicStatusStore, IWorkQueue, IReviewQueue, ISideEffectLedger, IUpdateStore
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryFile.Path("config", "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PublicSite:Urls"] = "http://127.0.0.1:0",
                ["PublicSite:MaxFailedChecks"] = MaxFailedChecks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PublicSite:KnownProxies:0"] = "127.0.0.1",
            })
            .AddInMemoryCollection(settings)
            .Build();
        var taxonomy = CouncilTaxonomy.Load(RepositoryFile.Path("config", "taxonomy.json"));
        var app = PublicSiteWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IPublicStatusStore>(store);
            shared.AddSingleton<IWorkQueue>(store);
            shared.AddSingleton<IReviewQueue>(store);
            shared.AddSingleton<ISideEffectLedger>(store);
            shared.AddSingleton(time);
            shared.AddSingleton<IPublicStatusReader>(new ContactFormStatusReader(Options.Create(new ContactFormsOptions()), blobs));
            shared.AddSingleton<IPublicStatusReader>(new InboundPostStatusReader(taxonomy));
            shared.AddSingleton<IPublicStatusReader>(new FinancialAssessmentStatusReader(Options.Create(new FinancialAssessmentsOptions()), blobs));
            var incidents = new IncidentReportsOptions
            {
                AllocationPath = RepositoryFile.Path("config", "incidents", "allocation.json"),
                GazetteerPath = RepositoryFile.Path("config", "incidents", "gazetteer.csv"),
                PersonTeamsPath = null,
            };
            shared.AddSingleton<IPublicStatusReader>(new IncidentReportStatusReader(Options.Create(incidents), blobs, IncidentReferenceData.Load(incidents)));
            shared.AddSingleton(new AssessmentIntake(assessor, "financial-assessments"));

            // Proactive updates on: the opt-out page their e-mails link to is the public site's.
            shared.AddSingleton(OptOutTokens);
            shared.AddSingleton<IUpdateStore>(store);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The staff portal over the same store, with what its dashboard reads (metrics, workers, and the status store, as
    /// the fleet host shares them), on the system clock (its session cookies must not look expired to the browser).
    /// </summary>
    private static async Task<WebApplication> StartPortalAsync(SqliteFleetStore store, FileBlobStore blobs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Urls"] = "http://127.0.0.1:0" })
            .Build();
        var app = PortalWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IWorkQueue>(store);
            shared.AddSingleton<IReviewQueue>(store);
            shared.AddSingleton<IUserStore>(store);
            shared.AddSingleton<IWorkerRegistry>(store);
            shared.AddSingleton<IFleetMetrics>(store);
            shared.AddSingleton<IPublicStatusStore>(store);
            shared.AddSingleton<IBlobStore>(blobs);
            shared.AddSingleton(TimeProvider.System);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>A fresh browser context (its own cookies) with a page, from a client address of its own (X-Forwarded-For).</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        options.ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = NewClientAddress() };
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    public string NewClientAddress() => $"192.0.2.{Interlocked.Increment(ref _nextClient)}";

    /// <summary>Fills in and sends the look-up form.</summary>
    public async Task LookUpAsync(IPage page, string reference, string? postcode = null, DateOnly? dateOfBirth = null)
    {
        await page.GotoAsync(BaseUrl + "/status");
        await page.GetByLabel("Your reference").FillAsync(reference);
        if (postcode is not null)
        {
            await page.GetByLabel("Postcode").FillAsync(postcode);
        }

        if (dateOfBirth is { } date)
        {
            await page.GetByLabel("Day").FillAsync(date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("Month").FillAsync(date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("Year").FillAsync(date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Check your case" }).ClickAsync();
    }

    private async Task SeedAsync(FileBlobStore blobs)
    {
        var ct = CancellationToken.None;
        // In review, with a reviewer's note and reasons that name people: none of it may reach the page.
        ReviewItem = await EnqueueAsync("contact-forms", "form:two-close-records", Contact());
        await LeaseAsync("contact-forms");
        await Store.SendToReviewAsync(
            ReviewItem.Id, "seed", new ReviewRequest("contact-forms", "match", """{"record":"CR100006"}""", 0.6, "{}", [ReviewerNote], Urgent: false), ct);
        // As the watched folder enqueues a form: the payload points at the JSON file, attached.
        AttachmentRef form;
        using (var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Contact())))
        {
            form = await blobs.PutAsync("clear-match.json", "application/json", file, ct);
        }

        ContactItem = (await Store.EnqueueAsync(
            new NewWorkItem("contact-forms", "inbox-contact-forms:clear-match", """{"source":"inbox","attachment":0}""", [form]), "test", ct)).Item;

        LetterItem = await EnqueueAsync("financial-assessments", "fa:FA-1", JsonSerializer.Serialize(new
        {
            reference = "FA-1",
            person = new { dateOfBirth = "1953-05-01" },
            addressee = new { name = "Edna Example", address = new[] { "1 High Street", "Ashby", LetterPostcode } },
        }));
        await CompleteAsync("financial-assessments", LetterItem, """{"weeklyCharge":12.5}""", "print-letter");

        GuessedItem = await EnqueueAsync("contact-forms", "form:guessed", Contact());
        HandedOnItem = await EnqueueAsync("inbound-post", "inbox:pothole", "{}");
        await CompleteAsync("inbound-post", HandedOnItem, PostOutcome("highways", "Highways", HighwaysPostcode, redirect: null), "handoff:incident-reports");

        AllocatedIncidentItem = await EnqueueAsync("incident-reports", "report:pothole-albert-avenue", JsonSerializer.Serialize(new
        {
            kind = "pothole",
            description = "A deep pothole outside number 4.",
            place = new { street = "Albert Avenue", postcode = IncidentPostcode },
        }));
        await CompleteAsync("incident-reports", AllocatedIncidentItem, JsonSerializer.Serialize(new
        {
            action = "open",
            incidentReference = "INC-1",
            kind = "pothole",
            kindGroup = "road-surface",
            severity = "urgent",
            team = "highways-north",
            assignee = "hn-01",
            rule = "area-north",
            deadline = Received.AddDays(2),
            outOfHours = false,
            area = "North",
            occurredAt = Received,
            summary = "Pothole, Albert Avenue",
            text = "A deep pothole outside number 4.",
        }), "email-team");

        NotOursItem = await EnqueueAsync("inbound-post", "inbox:gp-letter", "{}");
        await CompleteAsync("inbound-post", NotOursItem, PostOutcome("not-ours", "Customer services", NotOursPostcode, redirect: "nhs"), "redirect:not-ours");
    }

    private static readonly string[] Matched = ["gp"];

    private static string Contact() => JsonSerializer.Serialize(new
    {
        person = new { givenName = ContactGivenName, surname = ContactSurname, dateOfBirth = "12/03/1984", postcode = ContactPostcode, phone = "0118 496 0835" },
        message = "My mother finds it hard to get out of the bath.",
    });

    private static string PostOutcome(string category, string service, string postcode, string? redirect) => JsonSerializer.Serialize(new
    {
        category,
        service,
        route = new { type = redirect is null ? "queue" : "redirect", target = redirect is null ? "incident-reports" : "not-ours" },
        confidence = 0.99,
        fields = new[] { new { kind = "Postcode", value = postcode, confidence = 0.95, page = 1 } },
        pages = 1,
        source = "Text",
        ocrMeanConfidence = (double?)null,
        redirect = redirect is null ? null : new { destination = redirect, name = "the NHS", matched = Matched },
    });

    private async Task<WorkItem> EnqueueAsync(string queue, string reference, string payload) =>
        (await Store.EnqueueAsync(new NewWorkItem(queue, reference, payload), "test", CancellationToken.None)).Item;

    private async Task LeaseAsync(string queue) =>
        Assert.NotEmpty(await Store.LeaseAsync(queue, "seed", 1, TimeSpan.FromMinutes(5), CancellationToken.None));

    private async Task CompleteAsync(string queue, WorkItem item, string outcome, string step)
    {
        var ct = CancellationToken.None;
        await LeaseAsync(queue);
        await Store.RecordOutcomeAsync(item.Id, "seed", new ItemOutcome(outcome, 0.99, "bot"), ct);
        var key = $"{item.Reference}#{step}";
        await Store.BeginAsync(key, item.Id, step, isIdempotent: true, ct);
        await Store.CompleteAsync(key, """{"sent":"Edna Example"}""", ct);
        await Store.CompleteAsync(item.Id, "seed", "delivered", ct);
    }
}

[CollectionDefinition(Name)]
public sealed class PublicSiteCollection : ICollectionFixture<PublicSiteFixture>
{
    public const string Name = "public site";
}
