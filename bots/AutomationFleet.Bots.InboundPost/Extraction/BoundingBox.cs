namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>A rectangle on a page, in the reader's page units.</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
public readonly record struct BoundingBox(double Left, double Top, double Right, double Bottom)
{
    /// <summary>The smallest box holding both.</summary>
    public BoundingBox Union(BoundingBox other) => new(
        Math.Min(Left, other.Left),
        Math.Min(Top, other.Top),
        Math.Max(Right, other.Right),
        Math.Max(Bottom, other.Bottom));
}
