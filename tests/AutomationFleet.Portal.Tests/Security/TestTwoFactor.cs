using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using Microsoft.Playwright;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>
/// Two-factor sign-in for the test fixtures' administrators, without weakening the rule: a fixture enrols its
/// administrators with a known secret and a stock of one-time recovery codes, and <see cref="CompleteAsync"/> answers
/// the code page with the next unused one (each works once, as in production). TOTP codes themselves are not used
/// here because a code is accepted once per 30-second step and the fixtures sign administrators in more often than
/// that; the TOTP path has its own tests (<see cref="TwoFactorTests"/>).
/// </summary>
public static class TestTwoFactor
{
    /// <summary>The secret the fixtures enrol administrators with.</summary>
    public const string Secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private const int Codes = 400;

    private static readonly HashSet<string> EnrolledNames = new(StringComparer.OrdinalIgnoreCase);
    private static int _next = -1;

    /// <summary>Enrols <paramref name="name"/> with <see cref="Secret"/> and the test recovery codes.</summary>
    public static async Task EnrolAsync(IUserStore store, string name)
    {
        var hashes = Enumerable.Range(0, Codes).Select(i => TotpCodes.HashRecoveryCode(Code(i))).ToList();
        await store.EnrolTotpAsync(name, Secret, hashes, "test", CancellationToken.None);
        lock (EnrolledNames)
        {
            EnrolledNames.Add(name);
        }
    }

    /// <summary>Whether a fixture enrolled <paramref name="name"/>.</summary>
    public static bool IsEnrolled(string name)
    {
        lock (EnrolledNames)
        {
            return EnrolledNames.Contains(name);
        }
    }

    /// <summary>After a right password for an enrolled account: waits for the code page and answers it with a recovery code.</summary>
    public static async Task CompleteAsync(IPage page)
    {
        await page.WaitForURLAsync(url => url.Contains(SecondFactorSignIn.CodePath, StringComparison.Ordinal));
        var index = Interlocked.Increment(ref _next);
        if (index >= Codes)
        {
            throw new InvalidOperationException($"The test run used all {Codes} test recovery codes; raise TestTwoFactor.Codes.");
        }

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Code(index));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    private static string Code(int index) => $"test-recovery-code-{index:D4}";
}
