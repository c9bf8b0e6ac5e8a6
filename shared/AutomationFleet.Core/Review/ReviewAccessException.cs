namespace AutomationFleet.Core.Review;

/// <summary>
/// The store refused a review action for who is asking: an escalated task claimed or decided by someone who is not a
/// supervisor or administrator, a reassignment by someone who is not one, or to someone not allowed to see the item.
/// </summary>
public sealed class ReviewAccessException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the item and the reason (never personal data).</summary>
    public ReviewAccessException(string message)
        : base(message)
    {
    }
}
