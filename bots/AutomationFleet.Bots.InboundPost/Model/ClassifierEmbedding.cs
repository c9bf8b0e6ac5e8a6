using AutomationFleet.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Model;

/// <summary>The classifier's text embedder for code that runs without the host (the CLI, the benchmark).</summary>
public static class ClassifierEmbedding
{
    /// <summary>
    /// The text embedder configured in <c>TextEmbeddings</c>, or null when <c>Classification:Embeddings</c> is false.
    /// Every bad <c>TextEmbeddings</c> setting is reported at once, by path, as at host start.
    /// </summary>
    public static ITextEmbedder? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var classification = configuration.GetSection(ClassificationOptions.SectionName).Get<ClassificationOptions>() ?? new ClassificationOptions();
        if (!classification.Embeddings)
        {
            return null;
        }

        var options = configuration.GetSection(TextEmbeddingOptions.SectionName).Get<TextEmbeddingOptions>() ?? new TextEmbeddingOptions();
        var validation = new TextEmbeddingOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(TextEmbeddingOptions.SectionName, typeof(TextEmbeddingOptions), validation.Failures);
        }

        return new SentenceTransformerEmbedder(options);
    }
}
