using System.Net;
using AutomationFleet.Portal.Tests.EndToEnd;

namespace AutomationFleet.Portal.Tests.Security;

/// <summary>Guessing passwords: the lock-out holds under parallel guesses; the per-address and per-account limits answer 429.</summary>
[Trait("Category", "Integration")]
public sealed class SignInGuessingTests
{
    [Fact]
    public async Task SignIn_ParallelWrongPasswords_LockedOutAtExactlyTheLimit()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:MaxFailedSignIns"] = "5",
            ["Portal:SignInAttemptsPerAddressPerMinute"] = "1000",
            ["Portal:SignInAttemptsPerAccountPerMinute"] = "1000",
        });
        const int Guesses = 30;
        var clients = Enumerable.Range(0, Guesses).Select(_ => new PortalHttp(baseUrl)).ToList();
        var tokens = await Task.WhenAll(clients.Select(c => c.TokenAsync("/sign-in")));

        var answers = await Task.WhenAll(clients.Select((client, i) => client.PostFormAsync("/sign-in", new Dictionary<string, string>
        {
            ["name"] = SignInPortal.Reviewer,
            ["password"] = "wrong-password-" + i,
            ["__RequestVerificationToken"] = tokens[i],
        })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var failures = (await portal.Store.ListSecurityEventsAsync(SignInPortal.Reviewer, 100, CancellationToken.None))
            .Where(e => e.Action == "sign-in-failed").ToList();
        Assert.Equal(Guesses, failures.Count);
        Assert.Equal(5, failures.Count(e => e.Detail.StartsWith("wrong password", StringComparison.Ordinal)));
        Assert.Single(failures, e => e.Detail.StartsWith("wrong password; locked", StringComparison.Ordinal));
        Assert.Equal(Guesses - 5, failures.Count(e => e.Detail == "account locked"));
        using var right = new PortalHttp(baseUrl);
        await right.SignInAsync(SignInPortal.Reviewer, PortalFixture.Password);
        Assert.Null(right.SessionCookie);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task SignIn_MoreAttemptsOnOneAccountThanItsLimit_TooManyRequests()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:SignInAttemptsPerAccountPerMinute"] = "3",
            ["Portal:MaxFailedSignIns"] = "50",
        });
        using var http = new PortalHttp(baseUrl);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await http.SignInAsync(SignInPortal.Reviewer.ToUpperInvariant(), "wrong-password-" + i)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Another account from the same address is not held up by this one's limit.
        await portal.Store.AddUserAsync("sam", Portal.Security.PortalPasswords.Hash(PortalFixture.Password), Core.Users.UserRole.Reviewer, "test", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Redirect, (await http.SignInAsync("sam", PortalFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_MoreAttemptsFromOneAddressThanItsLimit_TooManyRequests()
    {
        await using var portal = await SignInPortal.CreateAsync();
        var baseUrl = await portal.StartAsync(new Dictionary<string, string?> { ["Portal:SignInAttemptsPerAddressPerMinute"] = "4" });
        using var http = new PortalHttp(baseUrl);

        var statuses = new List<HttpStatusCode>();
        foreach (var name in new[] { "a1", "a2", "a3", "a4", "a5" })
        {
            statuses.Add((await http.SignInAsync(name, "some-password-here")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
