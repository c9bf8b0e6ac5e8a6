namespace AutomationFleet.Connectors.Mail;

/// <summary>What one poll of the mailbox did.</summary>
/// <param name="Seen">Messages found in the watched folder.</param>
/// <param name="Enqueued">New items created.</param>
/// <param name="AlreadyEnqueued">Messages whose item already existed (a crash between enqueue and move): only moved.</param>
/// <param name="Quarantined">Messages too large to read: an item saying so was enqueued and the message moved to the quarantine folder.</param>
public sealed record ImapPollResult(int Seen, int Enqueued, int AlreadyEnqueued, int Quarantined);
