namespace AutomationFleet.Core.Bots;

/// <summary>A reviewer's outcome that the bot cannot carry out, e.g. a corrected category it does not know.</summary>
public sealed class ReviewedOutcomeException : InvalidOperationException
{
    /// <summary>Creates the exception with a message a reviewer can act on.</summary>
    public ReviewedOutcomeException(string message)
        : base(message)
    {
    }
}
