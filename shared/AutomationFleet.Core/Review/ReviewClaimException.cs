namespace AutomationFleet.Core.Review;

/// <summary>A reviewer acted on an item they do not hold a live claim on.</summary>
public sealed class ReviewClaimException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the item and who holds it.</summary>
    public ReviewClaimException(string message)
        : base(message)
    {
    }
}
