namespace AutomationFleet.Connectors.Mail;

/// <summary>A file to keep: an attachment or the text body.</summary>
internal sealed record InboundFile(string Role, string Name, string MediaType, byte[] Content);
