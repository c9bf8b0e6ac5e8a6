using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using AutomationFleet.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.OpenIdConnect;

/// <summary>
/// The test OpenID Connect provider, a portal with <c>Portal:OpenIdConnect</c> pointing at it over its own temp SQLite
/// store (review items in two queues; accounts with a password, directory-only, disabled), and one Chromium.
/// </summary>
public sealed class DirectorySignInFixture : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";
    public const string ButtonText = "Sign in with your council account";
    public const string GrantedQueue = "inbound-post";
    public const string OtherQueue = "contact-forms";

    /// <summary>Reviewer with a password, granted <see cref="GrantedQueue"/>.</summary>
    public const string Reviewer = "rita";

    /// <summary>Reviewer made with <c>--external</c> (no password), granted <see cref="GrantedQueue"/>.</summary>
    public const string ExternalReviewer = "nina";

    /// <summary>Directory-only reviewer the tests disable mid-session.</summary>
    public const string ExternalToDisable = "omar";

    /// <summary>A disabled account.</summary>
    public const string Disabled = "dave";

    private readonly string _root = Directory.CreateTempSubdirectory("fleet-oidc-").FullName;
    private WebApplication? _portal;
    private IPlaywright? _playwright;

    public TestOpenIdProvider Provider { get; } = new(TimeProvider.System);

    public SqliteFleetStore Store { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public long OtherQueueItemId { get; private set; }

    public async Task InitializeAsync()
    {
        Store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await Store.InitializeAsync(CancellationToken.None);
        await SeedAsync();
        await Provider.StartAsync();

        _portal = await PortalFixture.StartPortalAsync(Store, new FileBlobStore(Path.Combine(_root, "blobs")), new Dictionary<string, string?>
        {
            ["Portal:OpenIdConnect:Enabled"] = "true",
            ["Portal:OpenIdConnect:Authority"] = Provider.Issuer,
            ["Portal:OpenIdConnect:ClientId"] = TestOpenIdProvider.ClientId,
            ["Portal:OpenIdConnect:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            ["Portal:OpenIdConnect:DisplayName"] = ButtonText,
            ["Portal:OpenIdConnect:RequireHttpsMetadata"] = "false",
        });
        BaseUrl = PortalFixture.Address(_portal);
        Provider.RedirectUri = BaseUrl + "/signin-oidc";

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
        if (_portal is not null)
        {
            await _portal.StopAsync();
            await _portal.DisposeAsync();
        }

        await Provider.DisposeAsync();
        await Store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A fresh browser context (its own cookies) with a page.</summary>
    public async Task<IPage> NewPageAsync(bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BypassCSP = bypassCsp,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Opens the sign-in page and follows the directory button as <paramref name="directoryUser"/>.</summary>
    public async Task SignInThroughDirectoryAsync(IPage page, string? directoryUser)
    {
        Provider.NextUser = directoryUser;
        await page.GotoAsync(BaseUrl + "/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = ButtonText }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(BaseUrl, StringComparison.Ordinal) && !url.Contains("/signin-oidc", StringComparison.Ordinal));
    }

    private async Task SeedAsync()
    {
        var ct = CancellationToken.None;
        await Store.AddUserAsync(Reviewer, PortalPasswords.Hash(Password), UserRole.Reviewer, "test", ct);
        await Store.AddUserAsync(ExternalReviewer, UserAccount.ExternalOnlyPasswordHash, UserRole.Reviewer, "test", ct);
        await Store.AddUserAsync(ExternalToDisable, UserAccount.ExternalOnlyPasswordHash, UserRole.Reviewer, "test", ct);
        await Store.AddUserAsync(Disabled, UserAccount.ExternalOnlyPasswordHash, UserRole.Reviewer, "test", ct);
        await Store.SetUserDisabledAsync(Disabled, disabled: true, "test", ct);
        foreach (var name in new[] { Reviewer, ExternalReviewer, ExternalToDisable, Disabled })
        {
            await Store.GrantQueueAsync(name, GrantedQueue, "test", ct);
        }

        foreach (var (queue, reference) in new[] { (GrantedQueue, "inbox:oidc-1"), (GrantedQueue, "inbox:oidc-2"), (OtherQueue, "form:oidc-other") })
        {
            await Store.EnqueueAsync(new NewWorkItem(queue, reference, "{}"), "test", ct);
            var item = Assert.Single(await Store.LeaseAsync(queue, "seed-worker", 1, TimeSpan.FromMinutes(5), ct));
            await Store.SendToReviewAsync(
                item.Id, "seed-worker", new ReviewRequest("inbound-post", "blue-badge", """{"category":"blue-badge"}""", 0.7, "{}", ["below threshold"], false), ct);
            if (queue == OtherQueue)
            {
                OtherQueueItemId = item.Id;
            }
        }
    }
}
