using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Review;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Hosting;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.InboundPost;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.EndToEnd;

/// <summary>
/// A real portal on free loopback ports against a temp SQLite store seeded with review items, and Debian's Chromium
/// driven by Playwright. Two portals share the store: one with the default session timeout, one with 3 seconds.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";
    public const string InboundQueue = "inbound-post";
    public const string OtherQueue = "contact-forms";
    public const string LetterQueue = "letters";
    public const int InboundItems = 4;

    /// <summary>A mail-room queue no reviewer is granted; its items are reached by service grants only.</summary>
    public const string MailRoomQueue = "mail-room";
    public const string HighwaysService = "Highways";
    public const string BlueBadgeService = "Blue Badge team";
    public const int HighwaysItems = 12;
    public const int BlueBadgeItems = 3;
    public const string EscalatedReference = "mail:escalated-1";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-portal-").FullName;
    private WebApplication? _portal;
    private WebApplication? _shortSessionPortal;
    private IPlaywright? _playwright;

    public SqliteFleetStore Store { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string ShortSessionBaseUrl { get; private set; } = "";

    public FileBlobStore Blobs { get; private set; } = null!;

    public long OtherQueueItemId { get; private set; }

    public string UrgentReference { get; private set; } = "";

    public long PdfItemId { get; private set; }

    public long EscalatedItemId { get; private set; }

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async Task InitializeAsync()
    {
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(CancellationToken.None);
        var blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        Blobs = blobs;
        await SeedAsync(blobs);

        _portal = await StartAsync(blobs, sessionTimeout: null);
        BaseUrl = Address(_portal);
        _shortSessionPortal = await StartAsync(blobs, sessionTimeout: "00:00:03");
        ShortSessionBaseUrl = Address(_shortSessionPortal);

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var app in new[] { _portal, _shortSessionPortal })
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

    /// <summary>A fresh browser context (its own cookies) with a page.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Debian's Chromium, headless; the flags keep it off this machine's closed network.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });

    public static async Task SignInAsync(IPage page, string baseUrl, string name, string password = Password)
    {
        await page.GotoAsync(baseUrl + "/sign-in");
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (password == Password && Security.TestTwoFactor.IsEnrolled(name))
        {
            await Security.TestTwoFactor.CompleteAsync(page);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private Task<WebApplication> StartAsync(FileBlobStore blobs, string? sessionTimeout)
    {
        var settings = new Dictionary<string, string?>();
        if (sessionTimeout is not null)
        {
            settings["Portal:SessionTimeout"] = sessionTimeout;
        }

        return StartPortalAsync(Store, blobs, settings);
    }

    /// <summary>
    /// A portal on a free loopback port over <paramref name="store"/>, with the inbound-post bot's review form (over the
    /// real taxonomy) and any <paramref name="forms"/>, as the fleet host shares them; stop and dispose it when done.
    /// </summary>
    public static async Task<WebApplication> StartPortalAsync<TStore>(
        TStore store, FileBlobStore blobs, IDictionary<string, string?> settings, params IReviewForm[] forms)
        where TStore : IWorkQueue, IReviewQueue, IUserStore
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:Urls"] = "http://127.0.0.1:0",

                // The tests sign in from one address, many times a minute; the limits have tests of their own (Security/).
                ["Portal:SignInAttemptsPerAddressPerMinute"] = "10000",
                ["Portal:SignInAttemptsPerAccountPerMinute"] = "10000",
            })
            .AddInMemoryCollection(settings)
            .Build();
        var app = PortalWebApplication.Build(configuration, shared =>
        {
            shared.AddSingleton<IWorkQueue>(store);
            shared.AddSingleton<IReviewQueue>(store);
            shared.AddSingleton<IUserStore>(store);
            shared.AddSingleton<IBlobStore>(blobs);
            shared.AddSingleton(TimeProvider.System);
            shared.AddSingleton<IReviewForm>(new InboundPostReviewForm(TestInboundPost.Taxonomy()));
            foreach (var form in forms)
            {
                shared.AddSingleton(form);
            }
        });
        await app.StartAsync();
        return app;
    }

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private async Task SeedAsync(FileBlobStore blobs)
    {
        var ct = CancellationToken.None;
        foreach (var (name, role) in new[]
        {
            ("rita", UserRole.Reviewer), ("sam", UserRole.Reviewer), ("lena", UserRole.Reviewer), ("tim", UserRole.Reviewer),
            ("ada", UserRole.Administrator), ("dora", UserRole.Supervisor), ("vic", UserRole.Reviewer), ("rob", UserRole.Reviewer),
        })
        {
            await Store.AddUserAsync(name, PortalPasswords.Hash(Password), role, "test", ct);
        }

        await Security.TestTwoFactor.EnrolAsync(Store, "ada");
        await Store.GrantQueueAsync("rita", InboundQueue, "test", ct);
        await Store.GrantQueueAsync("lena", InboundQueue, "test", ct);
        await Store.GrantQueueAsync("tim", InboundQueue, "test", ct);
        await Store.GrantQueueAsync("sam", OtherQueue, "test", ct);

        // vic and rob see the Highways items of the mail room by their service grant alone.
        await Store.GrantServiceAsync("vic", HighwaysService, "test", ct);
        await Store.GrantServiceAsync("rob", HighwaysService, "test", ct);

        AttachmentRef scan;
        await using (var png = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Samples", "scan.png")))
        {
            scan = await blobs.PutAsync("scan.png", "image/png", png, ct);
        }

        for (var i = 0; i < InboundItems; i++)
        {
            await Store.EnqueueAsync(new NewWorkItem(InboundQueue, $"inbox:test-{i}", "{}", [scan], Priority: 0), "test", ct);
        }

        await Store.EnqueueAsync(new NewWorkItem(OtherQueue, "form:other-1", "{}"), "test", ct);
        await using (var pdf = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Samples", "letter.pdf")))
        {
            var letter = await blobs.PutAsync("letter.pdf", "application/pdf", pdf, ct);
            await Store.EnqueueAsync(new NewWorkItem(LetterQueue, "letter:pdf-1", "{}", [letter]), "test", ct);
        }

        for (var i = 0; i < HighwaysItems + BlueBadgeItems; i++)
        {
            var highways = i < HighwaysItems;
            await Store.EnqueueAsync(
                new NewWorkItem(MailRoomQueue, highways ? $"mail:highways-{i}" : $"mail:blue-badge-{i}", "{}", [scan]), "test", ct);
        }

        foreach (var item in await Store.LeaseAsync(MailRoomQueue, "seed-worker", 100, TimeSpan.FromMinutes(5), ct))
        {
            var highways = item.Reference.StartsWith("mail:highways-", StringComparison.Ordinal);
            var request = Request(item, InboundQueue) with
            {
                Category = highways ? "highways" : "blue-badge",
                Service = highways ? HighwaysService : BlueBadgeService,
            };
            await Store.SendToReviewAsync(item.Id, "seed-worker", request, ct);
        }

        // One Highways item escalated by a reviewer: only supervisors and administrators may take it.
        var escalated = (await Store.EnqueueAsync(new NewWorkItem(MailRoomQueue, EscalatedReference, "{}", [scan]), "test", ct)).Item;
        Assert.Single(await Store.LeaseAsync(MailRoomQueue, "seed-worker", 1, TimeSpan.FromMinutes(5), ct));
        await Store.SendToReviewAsync(
            escalated.Id, "seed-worker", Request(escalated, InboundQueue) with { Category = "highways", Service = HighwaysService }, ct);
        await Store.ClaimAsync(escalated.Id, "rob", TimeSpan.FromMinutes(5), ct);
        await Store.DecideAsync(escalated.Id, "rob", new ReviewDecision(ReviewDecisionKind.Escalate, "Looks like a safeguarding matter."), ct);
        EscalatedItemId = escalated.Id;

        foreach (var queue in new[] { InboundQueue, OtherQueue, LetterQueue })
        {
            foreach (var item in await Store.LeaseAsync(queue, "seed-worker", 10, TimeSpan.FromMinutes(5), ct))
            {
                // The last inbound item is urgent (a safeguarding cue): it must come first in the queue.
                var request = Request(item, queue);
                if (item.Reference == $"inbox:test-{InboundItems - 1}")
                {
                    request = request with { Urgent = true, Reasons = ["Possible safeguarding concern: the text mentions 'bruise'."] };
                    UrgentReference = item.Reference;
                }

                await Store.SendToReviewAsync(item.Id, "seed-worker", request, ct);
                if (queue == OtherQueue)
                {
                    OtherQueueItemId = item.Id;
                }
                else if (queue == LetterQueue)
                {
                    PdfItemId = item.Id;
                }
            }
        }
    }

    /// <summary>What the inbound-post bot asks a person for a letter it read as blue-badge at 0.72.</summary>
    internal static ReviewRequest InboundReviewRequest(WorkItem item) => Request(item, InboundQueue);

    private static ReviewRequest Request(WorkItem item, string queue)
    {
        if (queue != InboundQueue)
        {
            return new ReviewRequest("contact-forms", "complaint", """{"case":"C-1"}""", 0.61, """{"matches":[{"case":"C-1","score":0.61}]}""", ["Low match score."], false);
        }

        var outcome = new { category = "blue-badge", service = "Blue Badge", route = new { kind = "queue", target = "blue-badge" }, confidence = 0.72 };
        var evidence = new
        {
            classification = new
            {
                label = "blue-badge",
                probability = 0.72,
                fittedThreshold = 0.93,
                automaticByModel = false,
                top = new[] { new { label = "blue-badge", probability = 0.72 }, new { label = "highways", probability = 0.18 }, new { label = "adult-social-care", probability = 0.06 } },
            },
            fields = new[] { new { kind = "reference", value = "BB-2041", confidence = 0.97, page = 1 }, new { kind = "postcode", value = "AB1 2CD", confidence = 0.88, page = 1 } },
            pages = new[]
            {
                new { number = 1, source = "Ocr", meanConfidence = 0.81, lowConfidenceWords = new[] { new { text = "renewa1", confidence = 0.41 }, new { text = "badqe", confidence = 0.38 } } },
            },
            rejected = Array.Empty<string>(),
            safeguardingCues = Array.Empty<string>(),
        };
        return new ReviewRequest(
            "inbound-post",
            "blue-badge",
            JsonSerializer.Serialize(outcome),
            0.72,
            JsonSerializer.Serialize(evidence),
            [$"Confidence 0.720 is below the threshold 0.930 for blue-badge ({item.Reference})."],
            Urgent: false);
    }

    private static string FindScreenshotDirectory()
    {
        // TestResults/screenshots at the repository root (found by walking up to the solution file).
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AutomationFleet.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
