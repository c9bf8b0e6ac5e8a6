namespace AutomationFleet.Bots.InboundPost.Model;

/// <summary>Settings of the inbound-post classifier's views (section "Classification").</summary>
public sealed class ClassificationOptions
{
    public const string SectionName = "Classification";

    /// <summary>
    /// True (default) trains and runs the embedding view beside the n-gram view: a sentence encoder
    /// (<c>TextEmbeddings</c> section) embeds each text, a linear model on the embedding is stacked with the n-gram
    /// model, and a novelty detector sends text unlike the training data to a person. False keeps the n-gram model
    /// alone, for small machines (no ONNX model is loaded); a model file trained with embeddings then cannot be loaded,
    /// so retrain it.
    /// </summary>
    public bool Embeddings { get; set; } = true;
}
