using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Text;

/// <summary>Registers the fleet's text embedder.</summary>
public static class TextEmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TextEmbeddingOptions"/> from the <c>TextEmbeddings</c> section (validated at start, every bad
    /// setting reported by <see cref="TextEmbeddingOptionsValidator"/>) and adds one <see cref="SentenceTransformerEmbedder"/>
    /// as the <see cref="ITextEmbedder"/> singleton, unless one is registered. The model loads on first use.
    /// </summary>
    public static IServiceCollection AddFleetTextEmbeddings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TextEmbeddingOptions>()
            .BindConfiguration(TextEmbeddingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TextEmbeddingOptions>, TextEmbeddingOptionsValidator>());
        services.TryAddSingleton<ITextEmbedder>(provider => new SentenceTransformerEmbedder(
            provider.GetRequiredService<IOptions<TextEmbeddingOptions>>().Value,
            provider.GetService<ILogger<SentenceTransformerEmbedder>>()));
        return services;
    }
}
