using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Portal;
using AutomationFleet.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Tests.Hosting;

/// <summary>Runs alone: it sets process environment variables, which every host built meanwhile would read.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// The environment variables the READMEs document bind where they say, through the fleet's own configuration sources
/// (<c>FLEET_</c> prefix, <c>__</c> for <c>:</c>). Only settings that do nothing while their feature is off are set here
/// (secrets and the PostgreSQL strings on a SQLite fleet), so nothing else in the process changes behaviour.
/// </summary>
[Collection(EnvironmentCollection.Name)]
[Trait("Category", "Integration")]
public sealed class EnvironmentVariablesTests
{
    [Fact]
    public async Task FleetHost_DocumentedSecretVariables_BindToTheirOptions()
    {
        var variables = new Dictionary<string, string>
        {
            ["FLEET_Mail__Imap__Password"] = "imap-secret-" + Guid.NewGuid().ToString("N"),
            ["FLEET_Mail__Smtp__Password"] = "smtp-secret-" + Guid.NewGuid().ToString("N"),
            ["FLEET_CaseManagement__PasswordFile"] = "/run/secrets/case-" + Guid.NewGuid().ToString("N"),
            ["FLEET_Portal__OpenIdConnect__ClientSecret"] = "oidc-" + Guid.NewGuid().ToString("N"),
            ["FLEET_Store__ConnectionString"] = "Host=db;Database=fleet;Password=" + Guid.NewGuid().ToString("N"),
            ["FLEET_Store__MigrationConnectionString"] = "Host=db;Database=fleet;Username=owner;Password=" + Guid.NewGuid().ToString("N"),
        };
        await using var fleet = await FleetTestHost.CreateAsync();
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var host = fleet.Build(fleet.BaseSettings());
            var services = host.Services;
            var configuration = services.GetRequiredService<IConfiguration>();

            Assert.Equal(variables["FLEET_Mail__Imap__Password"], services.GetRequiredService<IOptions<ImapMailboxOptions>>().Value.Password);
            Assert.Equal(variables["FLEET_Mail__Smtp__Password"], services.GetRequiredService<IOptions<SmtpOptions>>().Value.Password);
            // Registered by the contact-form bot only when its section exists (not in this empty config): the same binding.
            Assert.Equal(
                variables["FLEET_CaseManagement__PasswordFile"],
                configuration.GetSection(CaseManagementOptions.SectionName).Get<CaseManagementOptions>()!.PasswordFile);
            // The portal binds its own section in its own container; this is the value it is given.
            Assert.Equal(
                variables["FLEET_Portal__OpenIdConnect__ClientSecret"],
                configuration.GetSection("Portal:OpenIdConnect").Get<PortalOpenIdConnectOptions>()!.ClientSecret);
            // On a SQLite fleet the PostgreSQL options are not registered; bound from the same section they get these.
            var postgres = configuration.GetSection(PostgresStoreOptions.SectionName).Get<PostgresStoreOptions>()!;
            Assert.Equal(variables["FLEET_Store__ConnectionString"], postgres.ConnectionString);
            Assert.Equal(variables["FLEET_Store__MigrationConnectionString"], postgres.MigrationConnectionString);
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public async Task FleetHost_VariableWithoutThePrefix_NotRead()
    {
        const string name = "Mail__Imap__Password";
        await using var fleet = await FleetTestHost.CreateAsync();
        try
        {
            Environment.SetEnvironmentVariable(name, "unprefixed");
            using var host = fleet.Build(fleet.BaseSettings());

            Assert.NotEqual("unprefixed", host.Services.GetRequiredService<IOptions<ImapMailboxOptions>>().Value.Password);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
