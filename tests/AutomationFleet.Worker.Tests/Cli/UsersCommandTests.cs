using AutomationFleet.Core.Users;
using AutomationFleet.Portal.Security;
using AutomationFleet.Worker.Cli;
using Microsoft.AspNetCore.Identity;

namespace AutomationFleet.Worker.Tests.Cli;

[Trait("Category", "Integration")]
[Collection(CliTestCollection.Name)]
public sealed class UsersCommandTests : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly CliFixture _cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task UsersAdd_PasswordFromStdin_StoresHashThatVerifies()
    {
        var run = await _cli.RunWithInputAsync(Password + "\n", "users", "add", "ada", "--role", "administrator", "--password-stdin");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        await using var store = await _cli.OpenStoreAsync();
        var account = await store.FindUserAsync("ada", CancellationToken.None);
        Assert.NotNull(account);
        Assert.Equal(UserRole.Administrator, account.Role);
        Assert.DoesNotContain(Password, account.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, PortalPasswords.Verify(account, Password));
        Assert.Equal(PasswordVerificationResult.Failed, PortalPasswords.Verify(account, Password + "x"));
    }

    [Theory]
    [InlineData("short", "administrator")]
    [InlineData(Password, "wizard")]
    public async Task UsersAdd_BadPasswordOrRole_Usage(string password, string role)
    {
        var run = await _cli.RunWithInputAsync(password + "\n", "users", "add", "ada", "--role", role, "--password-stdin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task UsersAdd_BreachedPassword_RefusedSayingWhy()
    {
        var run = await _cli.RunWithInputAsync("1qaz2wsx3edc\n", "users", "add", "ada", "--role", "administrator", "--password-stdin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("known from breaches", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_SameNameTwice_SecondRefused()
    {
        await _cli.RunWithInputAsync(Password + "\n", "users", "add", "rita", "--role", "reviewer", "--password-stdin");

        var again = await _cli.RunWithInputAsync(Password + "\n", "users", "add", "RITA", "--role", "reviewer", "--password-stdin");

        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersGrantAndDisable_ExistingReviewer_AppliedAndAudited()
    {
        await _cli.RunWithInputAsync(Password + "\n", "users", "add", "rita", "--role", "reviewer", "--password-stdin");

        var grant = await _cli.RunAsync("users", "grant", "rita", "--queue", "inbound-post");
        var disable = await _cli.RunAsync("users", "disable", "rita");
        var list = await _cli.RunAsync("users", "list", "--json");

        Assert.Equal(ExitCodes.Success, grant.ExitCode);
        Assert.Equal(ExitCodes.Success, disable.ExitCode);
        Assert.Contains("inbound-post", list.Output, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        var account = await store.FindUserAsync("rita", CancellationToken.None);
        Assert.True(account!.Disabled);
        Assert.Equal(["inbound-post"], account.Queues);
        var audit = await store.ListSecurityEventsAsync("rita", 10, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "queue-granted" && e.Actor.StartsWith("cli:", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "user-disabled");
    }

    [Fact]
    public async Task UsersAdd_External_NoPasswordAskedAndNoneEverVerifies()
    {
        var run = await _cli.RunAsync("users", "add", "nina", "--role", "reviewer", "--external");
        var list = await _cli.RunAsync("users", "list", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("directory sign-in only", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"externalOnly\": true", list.Output, StringComparison.OrdinalIgnoreCase);
        await using var store = await _cli.OpenStoreAsync();
        var account = await store.FindUserAsync("nina", CancellationToken.None);
        Assert.NotNull(account);
        Assert.True(account.IsExternalOnly);
        Assert.Equal(UserRole.Reviewer, account.Role);
        Assert.Equal(PasswordVerificationResult.Failed, PortalPasswords.Verify(account, Password));
        Assert.Equal(PasswordVerificationResult.Failed, PortalPasswords.Verify(account, UserAccount.ExternalOnlyPasswordHash));
    }

    [Fact]
    public async Task UsersAdd_ExternalWithPasswordStdin_Usage()
    {
        var run = await _cli.RunWithInputAsync(Password + "\n", "users", "add", "nina", "--role", "reviewer", "--external", "--password-stdin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--external", run.Error, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        Assert.Null(await store.FindUserAsync("nina", CancellationToken.None));
    }

    [Fact]
    public async Task UsersGrant_UnknownAccount_Usage()
    {
        await _cli.RunWithInputAsync(Password + "\n", "users", "add", "ada", "--role", "administrator", "--password-stdin");

        var run = await _cli.RunAsync("users", "grant", "nobody", "--queue", "q");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("No account", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersGrant_Service_StoredListedAndAudited()
    {
        await _cli.RunWithInputAsync(Password + "\n", "users", "add", "vic", "--role", "reviewer", "--password-stdin");

        var grant = await _cli.RunAsync("users", "grant", "vic", "--service", "Blue Badge team");
        var list = await _cli.RunAsync("users", "list", "--json");

        Assert.Equal(ExitCodes.Success, grant.ExitCode);
        Assert.Contains("Blue Badge team", list.Output, StringComparison.Ordinal);
        await using var store = await _cli.OpenStoreAsync();
        var account = await store.FindUserAsync("vic", CancellationToken.None);
        Assert.Equal(["Blue Badge team"], account!.Services);
        Assert.Empty(account.Queues);
        var audit = await store.ListSecurityEventsAsync("vic", 10, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "service-granted" && e.Detail == "service Blue Badge team");
    }

    [Fact]
    public async Task UsersGrant_NeitherQueueNorService_Usage()
    {
        await _cli.RunWithInputAsync(Password + "\n", "users", "add", "vic", "--role", "reviewer", "--password-stdin");

        var run = await _cli.RunAsync("users", "grant", "vic");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--service", run.Error, StringComparison.Ordinal);
    }
}
