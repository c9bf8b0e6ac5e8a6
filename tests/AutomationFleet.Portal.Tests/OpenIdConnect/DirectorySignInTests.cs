using System.Text.RegularExpressions;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.OpenIdConnect;

[Collection(DirectorySignInCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DirectorySignInTests(DirectorySignInFixture fixture)
{
    private const string Fixture = DirectorySignInFixture.Reviewer;

    [Fact]
    public async Task DirectorySignIn_ReviewerWithLocalAccount_SeesOnlyGrantedQueue()
    {
        var page = await fixture.NewPageAsync();
        var issuedBefore = fixture.Provider.TokensIssued;

        await fixture.SignInThroughDirectoryAsync(page, Fixture);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync(Fixture);
        // Each row links by the short reference (AF-…) and names the full one beside it.
        await Assertions.Expect(page.Locator("table.queue tbody tr").Filter(new() { HasText = "inbox:oidc-1" }).GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.queue tbody tr").Filter(new() { HasText = "inbox:oidc-2" }).GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("form:oidc-other")).ToHaveCountAsync(0);
        await PortalFixture.ScreenshotAsync(page, "directory-sign-in-review-queue");

        // The grant is still checked per item: the other queue's item is refused, as for a password sign-in.
        var other = await page.GotoAsync($"{fixture.BaseUrl}/review/items/{fixture.OtherQueueItemId}");
        Assert.Equal(404, other!.Status);

        // The code was redeemed with the secret and the PKCE verifier; the request carried S256, state and nonce.
        Assert.Equal(issuedBefore + 1, fixture.Provider.TokensIssued);
        var authorize = fixture.Provider.LastAuthorizeRequest;
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(authorize["state"]));
        Assert.False(string.IsNullOrEmpty(authorize["nonce"]));
        Assert.Equal("code", authorize["response_type"]);

        var audit = await fixture.Store.ListSecurityEventsAsync(Fixture, 20, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in" && e.Actor == Fixture && e.Detail == "directory");
    }

    [Fact]
    public async Task DirectorySignIn_UnknownUser_RefusedAndAudited()
    {
        var page = await fixture.NewPageAsync();

        await fixture.SignInThroughDirectoryAsync(page, "mallory");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/refused\\?why=account$"));
        await Assertions.Expect(page.Locator("#refused-reason")).ToContainTextAsync("no enabled account in the review portal");
        await AssertSignedOutAsync(page);
        var audit = await fixture.Store.ListSecurityEventsAsync("mallory", 10, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Actor == "anonymous" && e.Detail == "directory: unknown account");
        Assert.Null(await fixture.Store.FindUserAsync("mallory", CancellationToken.None));
    }

    [Fact]
    public async Task DirectorySignIn_DisabledUser_RefusedAndAudited()
    {
        var page = await fixture.NewPageAsync();

        await fixture.SignInThroughDirectoryAsync(page, DirectorySignInFixture.Disabled);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/refused\\?why=account$"));
        await AssertSignedOutAsync(page);
        var audit = await fixture.Store.ListSecurityEventsAsync(DirectorySignInFixture.Disabled, 10, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Detail == "directory: account disabled");
        Assert.DoesNotContain(audit, e => e.Action == "sign-in");
    }

    [Fact]
    public async Task DirectorySignIn_NoUserClaim_RefusedAndAudited()
    {
        var page = await fixture.NewPageAsync();

        await fixture.SignInThroughDirectoryAsync(page, directoryUser: null);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/refused\\?why=account$"));
        var audit = await fixture.Store.ListSecurityEventsAsync(null, 50, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Detail == "directory: no preferred_username claim");
    }

    [Fact]
    public async Task PasswordSignIn_ExternalOnlyAccount_RefusedWithoutCountingAndDirectoryStillWorks()
    {
        var page = await fixture.NewPageAsync();

        // Neither a password nor the stored marker itself gets in.
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, DirectorySignInFixture.ExternalReviewer, DirectorySignInFixture.Password);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await PortalFixture.SignInAsync(page, fixture.BaseUrl, DirectorySignInFixture.ExternalReviewer, UserAccount.ExternalOnlyPasswordHash);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await AssertSignedOutAsync(page);

        var account = await fixture.Store.FindUserAsync(DirectorySignInFixture.ExternalReviewer, CancellationToken.None);
        Assert.Equal(0, account!.FailedSignIns);
        var audit = await fixture.Store.ListSecurityEventsAsync(DirectorySignInFixture.ExternalReviewer, 20, CancellationToken.None);
        Assert.Equal(2, audit.Count(e => e.Action == "sign-in-failed" && e.Detail == "directory sign-in only"));

        await fixture.SignInThroughDirectoryAsync(page, DirectorySignInFixture.ExternalReviewer);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync(DirectorySignInFixture.ExternalReviewer);
    }

    [Fact]
    public async Task DirectorySession_AccountDisabled_EndsAtNextRequest()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInThroughDirectoryAsync(page, DirectorySignInFixture.ExternalToDisable);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));

        await fixture.Store.SetUserDisabledAsync(DirectorySignInFixture.ExternalToDisable, disabled: true, "test", CancellationToken.None);
        await page.ReloadAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl=%2Freview$"));
    }

    [Fact]
    public async Task DirectoryCallback_ForgedState_RefusedAndAudited()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/signin-oidc?code=forged-code&state=forged-state");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/refused\\?why=failed$"));
        await Assertions.Expect(page.Locator("#refused-reason")).ToContainTextAsync("did not complete");
        await AssertSignedOutAsync(page);
        var audit = await fixture.Store.ListSecurityEventsAsync(string.Empty, 50, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Detail.StartsWith("directory: sign-in did not complete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DirectorySignIn_SameUsernameAnotherSubject_RefusedAndAudited()
    {
        const string Name = "dirk";
        await fixture.Store.AddUserAsync(Name, UserAccount.ExternalOnlyPasswordHash, UserRole.Reviewer, "test", CancellationToken.None);
        var first = await fixture.NewPageAsync();
        await fixture.SignInThroughDirectoryAsync(first, Name);
        await Assertions.Expect(first).ToHaveURLAsync(new Regex("/review$"));
        var bound = (await fixture.Store.FindUserAsync(Name, CancellationToken.None))!.ExternalIdentity;
        Assert.Equal(new ExternalIdentity(fixture.Provider.Issuer, "directory-id-" + Name), bound);

        // Someone else the directory now calls "dirk" (a reused or renamed account): same name, another subject.
        var second = await fixture.NewPageAsync();
        fixture.Provider.NextSubject = "directory-id-someone-else";
        try
        {
            await fixture.SignInThroughDirectoryAsync(second, Name);
        }
        finally
        {
            fixture.Provider.NextSubject = null;
        }

        await Assertions.Expect(second).ToHaveURLAsync(new Regex("/sign-in/refused\\?why=account$"));
        await AssertSignedOutAsync(second);
        var audit = await fixture.Store.ListSecurityEventsAsync(Name, 20, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Detail == "directory: bound to another directory identity");
        Assert.Single(audit, e => e.Action == "directory-bound");
        Assert.Equal(bound, (await fixture.Store.FindUserAsync(Name, CancellationToken.None))!.ExternalIdentity);
    }

    [Theory]
    [InlineData(false, new string[0], null, true)]
    [InlineData(true, new[] { "pwd" }, null, false)]
    [InlineData(true, new[] { "pwd", "mfa" }, null, true)]
    [InlineData(true, new string[0], "urn:council:loa:2", true)]
    [InlineData(true, new string[0], "urn:council:loa:1", false)]
    public void ShowsMultiFactor_AmrAndAcr_AsConfigured(bool required, string[] amr, string? acr, bool expected)
    {
        var claims = amr.Select(v => new System.Security.Claims.Claim("amr", v)).ToList();
        if (acr is not null)
        {
            claims.Add(new System.Security.Claims.Claim("acr", acr));
        }

        var settings = new PortalOpenIdConnectOptions { RequireMultiFactor = required, MultiFactorAcrValues = "urn:council:loa:2" };

        Assert.Equal(expected, Portal.Security.DirectorySignIn.ShowsMultiFactor(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims)), settings));
    }

    [Fact]
    public async Task SignInPage_DirectoryButton_AxeCoreNoSeriousViolations()
    {
        var page = await fixture.NewPageAsync(bypassCsp: true);
        await page.GotoAsync(fixture.BaseUrl + "/sign-in");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = DirectorySignInFixture.ButtonText })).ToBeVisibleAsync();
        await PortalFixture.ScreenshotAsync(page, "sign-in-with-directory");

        var violations = (await AxeCore.SeriousViolationsAsync(page)).Select(v => "sign-in: " + v).ToList();
        await page.GotoAsync(fixture.BaseUrl + "/sign-in/refused?why=account");
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "refused: " + v));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private async Task AssertSignedOutAsync(IPage page)
    {
        var review = await page.GotoAsync(fixture.BaseUrl + "/review");
        Assert.NotNull(review);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl=%2Freview$"));
    }
}
