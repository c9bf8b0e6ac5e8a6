using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.InboundPost.Tests.Routing;

[Trait("Category", "Integration")]
public sealed class MailRoutingTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    [Fact]
    public async Task CreateFactory_SmtpEnabled_EmailRoutesSendToTheTaxonomyMailboxOthersUnchanged()
    {
        await using var services = Services(smtpEnabled: true, acknowledge: true);
        var taxonomy = CouncilTaxonomy.Load(fixture.Options.TaxonomyPath);

        var factory = MailRouting.CreateFactory(services);

        var email = Assert.IsType<EmailRouteStep>(factory.Create(taxonomy.Find("blue-badge")!));
        Assert.Equal("bluebadge@council.example", email.ServiceMailbox);
        Assert.Equal("mail", email.Pipeline);
        Assert.False(email.IsIdempotent);
        Assert.IsType<DropFolderStep>(factory.Create(taxonomy.Find("payment")!));
        Assert.IsType<AcknowledgementStep>(MailRouting.CreateAcknowledgement(services).Step);
    }

    [Fact]
    public async Task CreateFactory_SmtpDisabled_EmailRoutesDropIntoTheMailOutboxAndNoAcknowledgement()
    {
        await using var services = Services(smtpEnabled: false, acknowledge: true);
        var taxonomy = CouncilTaxonomy.Load(fixture.Options.TaxonomyPath);

        var factory = MailRouting.CreateFactory(services);

        var step = Assert.IsType<DropFolderStep>(factory.Create(taxonomy.Find("blue-badge")!));
        Assert.Contains(RouteStepFactory.MailOutboxFolder, step.Directory, StringComparison.Ordinal);
        Assert.Null(MailRouting.CreateAcknowledgement(services).Step);
    }

    [Fact]
    public async Task CreateAcknowledgement_NotAskedFor_None()
    {
        await using var services = Services(smtpEnabled: true, acknowledge: false);

        Assert.Null(MailRouting.CreateAcknowledgement(services).Step);
    }

    [Fact]
    public async Task DecideAsync_EmailRoute_OutcomeCarriesTheServiceMailbox()
    {
        var letter = await File.ReadAllBytesAsync(Repository.File("samples", "letters", "blue-badge-renewal.pdf"));
        var item = await fixture.EnqueueFileAsync("inbox:mail-route", "letter.pdf", "application/pdf", letter);

        var decision = await fixture.Bot.DecideAsync(new Core.Bots.BotInput(item, fixture.Blobs), CancellationToken.None);

        using var outcome = JsonDocument.Parse(decision.OutcomeJson!);
        Assert.Equal("blue-badge", outcome.RootElement.GetProperty("category").GetString());
        Assert.Equal("bluebadge@council.example", outcome.RootElement.GetProperty("serviceMailbox").GetString());
    }

    private ServiceProvider Services(bool smtpEnabled, bool acknowledge)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Smtp:Enabled"] = smtpEnabled ? "true" : "false",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:From"] = "post@council.example",
        }).Build();
        var options = fixture.Options;
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IWorkQueue>(fixture.Store)
            .AddSingleton<IBlobStore>(fixture.Blobs)
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new InboundPostOptions
            {
                DropFolder = options.DropFolder,
                TaxonomyPath = options.TaxonomyPath,
                AcknowledgeSenders = acknowledge,
            }))
            .AddSingleton<RouteStepFactory>()
            .AddSmtpMail(configuration)
            .BuildServiceProvider();
    }
}
