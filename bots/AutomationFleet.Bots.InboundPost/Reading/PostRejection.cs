namespace AutomationFleet.Bots.InboundPost.Reading;

/// <summary>An attachment the document reader refused (a limit broken, damaged, encrypted); the reason never names the file.</summary>
public sealed record PostRejection(int Attachment, string ContentHash, string Kind, string Reason);
