using AutomationFleet.Connectors.Mail;
using System.Net.Sockets;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace AutomationFleet.Connectors.Tests.Mail;

public sealed class MailOptionsValidatorTests
{
    [Fact]
    public void Validate_ImapEverythingWrong_ReportsEachSettingByPath()
    {
        var result = new ImapMailboxOptionsValidator().Validate(null, new ImapMailboxOptions
        {
            Enabled = true,
            Port = 70000,
            Security = (MailSecurity)9,
            Mailbox = "INBOX",
            ProcessedFolder = "inbox",
            QuarantineFolder = "",
            Queue = " ",
            PollInterval = TimeSpan.Zero,
            MaxMessageBytes = 0,
        });

        Assert.True(result.Failed);
        foreach (var path in new[]
                 {
                     "Mail:Imap:Port", "Mail:Imap:Security", "Mail:Imap:ProcessedFolder", "Mail:Imap:QuarantineFolder",
                     "Mail:Imap:Queue", "Mail:Imap:PollInterval", "Mail:Imap:MaxMessageBytes", "Mail:Imap:Host",
                     "Mail:Imap:Username", "Mail:Imap:Password",
                 })
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith(path + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_ImapDisabledWithDefaults_Succeeds() =>
        Assert.True(new ImapMailboxOptionsValidator().Validate(null, new ImapMailboxOptions()).Succeeded);

    [Fact]
    public void Validate_SmtpEnabledWithoutHostOrSender_ReportsEachSettingByPath()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Enabled = true, Username = "svc", Port = 0 });

        Assert.Equal(
            ["Mail:Smtp:Port", "Mail:Smtp:Password", "Mail:Smtp:Host", "Mail:Smtp:From"],
            result.Failures!.Select(failure => failure[..failure.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData(FleetPipelines.Imap)]
    [InlineData(FleetPipelines.SmtpConnection)]
    [InlineData(FleetPipelines.Mail)]
    public async Task AddMail_FleetPipeline_RetriesMailFaultsButNotBugs(string name)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging()
            .AddImapMailboxSource(configuration)
            .AddSmtpMail(configuration)
            .Configure<FleetPipelineOptions>(options =>
            {
                options.Imap = TestResilience.Fast(TimeSpan.FromSeconds(5));
                options.SmtpConnection = TestResilience.Fast(TimeSpan.FromSeconds(5));
                options.Mail = TestResilience.Fast(TimeSpan.FromSeconds(5));
            });
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(name);
        int refused = 0, bug = 0;

        await Assert.ThrowsAsync<SocketException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            refused++;
            throw new SocketException((int)SocketError.ConnectionRefused);
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            bug++;
            throw new InvalidOperationException("a bug");
        }));

        Assert.Equal(3, refused);
        Assert.Equal(1, bug);
        Assert.Equal(MailFaults.Pipelines.Count, provider.GetServices<TransientFaultFilter>().Count());
    }

    [Fact]
    public async Task AddImapMailboxSource_BadSettings_HostStartFailsNamingThem()
    {
        var directory = Directory.CreateTempSubdirectory("af-mail-di-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Store:Path"] = Path.Combine(directory, "fleet.db"),
                ["Mail:Imap:Enabled"] = "true",
                ["Mail:Imap:PollInterval"] = "00:00:00",
                ["Mail:Smtp:Enabled"] = "true",
            }).Build();
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddSqliteFleetStore(configuration).AddImapMailboxSource(configuration).AddSmtpMail(configuration);
            using var host = builder.Build();

            var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("Mail:Imap:Host", error.Message, StringComparison.Ordinal);
            Assert.Contains("Mail:Imap:PollInterval", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddSmtpMail_ValidSettings_ResolvesSenderAndSteps()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Enabled"] = "true",
            ["Mail:Smtp:Host"] = "smtp.council.example",
            ["Mail:Smtp:From"] = "post@council.example",
            ["Store:Path"] = Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid().ToString("N") + ".db"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSqliteFleetStore(configuration).AddSmtpMail(configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("acknowledge", provider.GetRequiredService<AcknowledgementStep>().Name);
        Assert.Equal("email-to-service", provider.GetRequiredService<EmailToServiceStep>().Name);
        Assert.NotNull(provider.GetRequiredService<IBlobStore>());
        Assert.NotNull(provider.GetRequiredService<IWorkQueue>());
        Assert.Equal(587, provider.GetRequiredService<IOptions<SmtpOptions>>().Value.EffectivePort);
    }
}
