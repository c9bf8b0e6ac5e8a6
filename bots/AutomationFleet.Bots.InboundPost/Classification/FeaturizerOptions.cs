namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>How text becomes features: hashed word uni/bigrams and character n-grams within word boundaries.</summary>
public sealed record FeaturizerOptions
{
    /// <summary>Hash space per feature block is 2^<see cref="HashBits"/>. Default 20.</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>Longest word n-gram. Default 2 (unigrams and bigrams).</summary>
    public int MaxWordNgram { get; init; } = 2;

    /// <summary>Shortest character n-gram, taken inside a word padded with spaces. Default 3.</summary>
    public int MinCharNgram { get; init; } = 3;

    /// <summary>Longest character n-gram. Default 5.</summary>
    public int MaxCharNgram { get; init; } = 5;

    /// <summary>A feature must occur in at least this many training texts to be kept. Default 1.</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Weight of the word block after each block is L2-normalised. Default 1.</summary>
    public float WordBlockWeight { get; init; } = 1f;

    /// <summary>Weight of the character block after each block is L2-normalised. Default 1.</summary>
    public float CharBlockWeight { get; init; } = 1f;
}
