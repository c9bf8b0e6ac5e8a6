using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutomationFleet.Bots.InboundPost.Tests.Hosting;

public sealed class ClassifierModelRegistrationTests
{
    [Fact]
    public void AddInboundPostBot_EmbeddingsOffButAnotherBotRegisteredAnEmbedder_ModelHasNoEmbedder()
    {
        // The incident-report bot registers a text embedder for itself; the fleet host registers it beside this bot.
        using var provider = Build("false", registerEmbedderFirst: true);

        Assert.Null(provider.GetRequiredService<ClassifierModel>().Embedder);
    }

    [Fact]
    public void AddInboundPostBot_EmbeddingsOn_ModelHasTheRegisteredEmbedder()
    {
        using var provider = Build("true", registerEmbedderFirst: false);

        Assert.Same(provider.GetRequiredService<ITextEmbedder>(), provider.GetRequiredService<ClassifierModel>().Embedder);
    }

    private static ServiceProvider Build(string embeddings, bool registerEmbedderFirst)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["InboundPost:Enabled"] = "true",
                ["Classification:Embeddings"] = embeddings,
                ["TextEmbeddings:CacheDirectory"] = null,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (registerEmbedderFirst)
        {
            services.AddFleetTextEmbeddings();
        }

        services.AddInboundPostBot(configuration);
        return services.BuildServiceProvider();
    }
}
