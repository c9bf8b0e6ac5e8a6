using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Text.Tests;

public sealed class TextEmbeddingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new TextEmbeddingOptionsValidator().Validate(null, new TextEmbeddingOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EverySettingBad_ReportsEachByPath()
    {
        var options = new TextEmbeddingOptions
        {
            Model = (TextEmbeddingModel)7,
            BatchSize = 0,
            Threads = -1,
            MaxWords = 401,
            MaxCachedVectors = 0,
            CacheDirectory = "var/\0bad",
        };

        var result = new TextEmbeddingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("TextEmbeddings:Model is 7", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TextEmbeddings:BatchSize must be between 1 and 1024", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TextEmbeddings:Threads must be between 0 and 256", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TextEmbeddings:MaxWords must be between 8 and 400", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TextEmbeddings:MaxCachedVectors must be between 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TextEmbeddings:CacheDirectory", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingTheSetting()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new SentenceTransformerEmbedder(new TextEmbeddingOptions { BatchSize = 5000 }));

        Assert.Contains("TextEmbeddings:BatchSize must be between 1 and 1024", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFleetTextEmbeddings_BadConfiguration_StopsStartWithEveryFailure()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TextEmbeddings:BatchSize"] = "0",
            ["TextEmbeddings:MaxWords"] = "2",
        });
        builder.Services.AddFleetTextEmbeddings();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(exception.Failures, f => f.Contains("TextEmbeddings:BatchSize", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("TextEmbeddings:MaxWords", StringComparison.Ordinal));
    }

    [Fact]
    public void AddFleetTextEmbeddings_Configured_ResolvesOneLazyEmbedder()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TextEmbeddings:Model"] = "ArcticXs",
            ["TextEmbeddings:CacheDirectory"] = "",
        });
        builder.Services.AddFleetTextEmbeddings();
        builder.Services.AddFleetTextEmbeddings();
        using var host = builder.Build();

        var embedder = host.Services.GetRequiredService<ITextEmbedder>();

        Assert.Same(embedder, host.Services.GetRequiredService<ITextEmbedder>());
        Assert.Equal("snowflake-arctic-embed-xs", embedder.ModelName);
        Assert.False(((SentenceTransformerEmbedder)embedder).IsModelLoaded);
        Assert.Single(host.Services.GetServices<IValidateOptions<TextEmbeddingOptions>>().OfType<TextEmbeddingOptionsValidator>());
    }
}
