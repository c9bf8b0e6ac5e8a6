using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using AutomationFleet.Portal.Tests.EndToEnd;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>New passwords against breached lists; PBKDF2-HMAC-SHA512 at 210,000 iterations; old hashes upgraded on sign-in.</summary>
public sealed class PasswordTests
{
    [Theory]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("Q1W2E3R4T5Y6")]
    [InlineData("password1234")]
    public void Problem_PasswordOnTheShippedBreachedList_Refused(string password)
    {
        Assert.Contains("known from breaches", PortalPasswords.Problem(password), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_LongUnlistedPassword_Accepted()
    {
        Assert.Null(PortalPasswords.Problem("correct-horse-battery"));
        Assert.Contains("at least 12", PortalPasswords.Problem("short-pw"), StringComparison.Ordinal);
    }

    [Fact]
    public void BreachedList_PlainFileConfigured_UsedInsteadOfTheShippedOne()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["council-winter-2026", "another-one-here"]);
            var list = BreachedPasswordList.From(new PortalPasswordOptions { BreachedListPath = path });

            Assert.Contains("breaches", PortalPasswords.Problem("Council-Winter-2026", list), StringComparison.Ordinal);
            Assert.Null(PortalPasswords.Problem("1qaz2wsx3edc", list));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BreachedList_HibpSha1File_FindsEveryListedPasswordAndNoOther()
    {
        var path = Path.GetTempFileName();
        try
        {
            var listed = Enumerable.Range(0, 2000).Select(i => "listed-password-" + i).ToList();
            var lines = listed.Select(p => Sha1(p) + ":" + (p.Length * 7)).Order(StringComparer.Ordinal).ToList();
            File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
            var list = BreachedPasswordList.From(new PortalPasswordOptions { BreachedListPath = path, BreachedListFormat = BreachedListFormat.Sha1 });

            Assert.All(listed, p => Assert.True(list.Contains(p), p));
            Assert.All(Enumerable.Range(0, 500).Select(i => "unlisted-password-" + i), p => Assert.False(list.Contains(p), p));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Hash_NewPassword_Pbkdf2HmacSha512With210000Iterations()
    {
        var hash = Convert.FromBase64String(PortalPasswords.Hash("correct-horse-battery"));

        // Identity V3 format: 0x01, PRF (uint32 BE; 2 = HMAC-SHA512), iterations (uint32 BE), salt length, salt, subkey.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal((uint)KeyDerivationPrf.HMACSHA512, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)));
    }

    [Fact]
    public async Task SignIn_HashWithFewerIterations_RehashedTo210000()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var old = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await portal.Store.AddUserAsync("olde", old.HashPassword(null!, PortalFixture.Password), UserRole.Reviewer, "test", CancellationToken.None);
        var baseUrl = await portal.StartAsync();
        using var http = new PortalHttp(baseUrl);

        Assert.Equal(HttpStatusCode.Redirect, (await http.SignInAsync("olde", PortalFixture.Password)).StatusCode);

        var stored = Convert.FromBase64String((await portal.Store.FindUserAsync("olde", CancellationToken.None))!.PasswordHash);
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(stored.AsSpan(5)));
        using var again = new PortalHttp(baseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("olde", PortalFixture.Password)).StatusCode);
    }

    private static string Sha1(string password)
    {
#pragma warning disable CA5350 // The HIBP corpus is keyed by SHA-1; the test writes one.
        return Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350
    }
}
