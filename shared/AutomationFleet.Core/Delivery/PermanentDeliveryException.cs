namespace AutomationFleet.Core.Delivery;

/// <summary>
/// The receiving system refused a delivery in a way another attempt will not change (e.g. an SMTP 5xx reply: the
/// mailbox does not exist). The runner does not retry it: the item goes to review with this message, and a person
/// fixes the cause and approves (the step is tried again) or rejects. The message may quote the receiving system and
/// so is kept with the item, never logged.
/// </summary>
public sealed class PermanentDeliveryException : Exception
{
    /// <summary>Creates the exception with a reason a reviewer can act on.</summary>
    public PermanentDeliveryException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
