namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>A sparse feature vector: column indices in ascending order and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}
