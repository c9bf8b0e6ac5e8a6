using System.Text.RegularExpressions;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.Playwright;
using OtpNet;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>TOTP two-factor sign-in in Chromium: enrolment (administrators are sent to it), sign-in with a computed code, no replay, recovery codes.</summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwoFactorTests(PortalFixture browser)
{
    [Fact]
    public async Task Administrator_WithoutTotp_SentToEnrolmentAndAdminPagesWaitUntilEnrolled()
    {
        await using var portal = await SignInPortal.CreateAsync();
        await portal.Store.AddUserAsync("nia", PortalPasswords.Hash(PortalFixture.Password), UserRole.Administrator, "test", CancellationToken.None);
        var baseUrl = await portal.StartAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();

        await PortalFixture.SignInAsync(page, baseUrl, "nia");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/two-factor$"));
        await Assertions.Expect(page.Locator("#admin-needs-two-factor")).ToBeVisibleAsync();
        await page.GotoAsync(baseUrl + "/admin/users");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/two-factor$"));
        var violations = (await AxeCore.SeriousViolationsAsync(page)).Select(v => "enrolment: " + v).ToList();
        await PortalFixture.ScreenshotAsync(page, "two-factor-enrolment");

        var secret = (await page.Locator("#totp-secret").TextContentAsync())!.Replace(" ", string.Empty, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("svg#totp-qr path")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#totp-uri")).ToContainTextAsync($"otpauth://totp/AutomationFleet:nia?secret={secret}&issuer=AutomationFleet");
        await page.GetByLabel("Code from the app").FillAsync(new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();

        await Assertions.Expect(page.Locator("#enrolled")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(TotpCodes.RecoveryCodeCount);
        violations.AddRange((await AxeCore.SeriousViolationsAsync(page)).Select(v => "recovery codes: " + v));
        var admin = await page.GotoAsync(baseUrl + "/admin/users");
        Assert.Equal(200, admin!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accounts");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        var account = await portal.Store.FindUserAsync("nia", CancellationToken.None);
        Assert.Equal(secret, account!.TotpSecret);
        Assert.Contains(await portal.Store.ListSecurityEventsAsync("nia", 10, CancellationToken.None), e => e.Action == "mfa-enrolled");
        await context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_PlainSecretWithPersistedKeyRing_StoredEncryptedAfterAndSignInStillWorksAfterRestart()
    {
        await using var portal = await SignInPortal.CreateAsync();
        const string Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        await portal.Store.AddUserAsync("pia", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", CancellationToken.None);
        // A row as an older build left it: the base32 secret as it is.
        await portal.Store.EnrolTotpAsync("pia", Secret, [TotpCodes.HashRecoveryCode("abcde-fgh12")], "test", CancellationToken.None);
        var settings = DataProtectionTests.KeySettings(portal.Root);
        var first = await portal.StartAsync(settings);

        await SignInWithCodeAsync(first, "pia", new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(DateTime.UtcNow));

        var stored = (await portal.Store.FindUserAsync("pia", CancellationToken.None))!.TotpSecret!;
        Assert.StartsWith("dp1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stored, StringComparison.OrdinalIgnoreCase);

        // Restarted on the same keys, the encrypted secret still checks a code (the next time step: the first is used).
        await portal.StopAsync(first);
        var restarted = await portal.StartAsync(settings);
        await SignInWithCodeAsync(restarted, "pia", new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(stored, (await portal.Store.FindUserAsync("pia", CancellationToken.None))!.TotpSecret);
    }

    private async Task SignInWithCodeAsync(string baseUrl, string name, string code)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await PortalFixture.SignInAsync(page, baseUrl, name);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/code"));
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_EnrolledWithComputedCode_SignedInAndTheSameCodeRefusedAfter()
    {
        await using var portal = await SignInPortal.CreateAsync();
        const string Secret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
        await portal.Store.AddUserAsync("tess", PortalPasswords.Hash(PortalFixture.Password), UserRole.Reviewer, "test", CancellationToken.None);
        await portal.Store.EnrolTotpAsync("tess", Secret, [TotpCodes.HashRecoveryCode("abcde-fgh12")], "test", CancellationToken.None);
        var baseUrl = await portal.StartAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();

        await PortalFixture.SignInAsync(page, baseUrl, "tess");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in/code\\?returnUrl=%2Freview$"));
        var violations = await AxeCore.SeriousViolationsAsync(page);
        await PortalFixture.ScreenshotAsync(page, "two-factor-code");

        // Not signed in yet: the password alone opens nothing.
        var early = await page.Context.APIRequest.GetAsync(baseUrl + "/review", new() { MaxRedirects = 0 });
        Assert.Equal(302, early.Status);
        Assert.Contains("/sign-in", early.Headers["location"], StringComparison.Ordinal);
        var code = new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(DateTime.UtcNow);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/review$"));
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

        // Someone who saw the code (and has the password) tries it again: refused, audited.
        var other = await browser.NewPageAsync();
        await PortalFixture.SignInAsync(other, baseUrl, "tess");
        await other.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await other.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(other.Locator("#code-error")).ToBeVisibleAsync();
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/sign-in/code"));

        // A recovery code works once.
        await other.GetByLabel("Code", new() { Exact = true }).FillAsync("ABCDE FGH12");
        await other.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/review$"));
        var third = await browser.NewPageAsync();
        await PortalFixture.SignInAsync(third, baseUrl, "tess");
        await third.GetByLabel("Code", new() { Exact = true }).FillAsync("abcde-fgh12");
        await third.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(third.Locator("#code-error")).ToBeVisibleAsync();

        var audit = await portal.Store.ListSecurityEventsAsync("tess", 20, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "sign-in" && e.Detail == "password+totp");
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Detail == "code already used");
        Assert.Contains(audit, e => e.Action == "sign-in" && e.Detail == "password+recovery code");
        Assert.Contains(audit, e => e.Action == "sign-in-failed" && e.Detail == "wrong or used recovery code");
        await context.CloseAsync();
    }
}
