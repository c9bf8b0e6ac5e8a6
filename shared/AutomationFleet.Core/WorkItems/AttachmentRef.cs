namespace AutomationFleet.Core.WorkItems;

/// <summary>A file attached to an item, stored once in the blob store under its SHA-256.</summary>
/// <param name="Name">The file name as received (may hold personal data: never log it).</param>
/// <param name="MediaType">The media type, e.g. <c>application/pdf</c>.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the content; the blob's key.</param>
/// <param name="Length">Size in bytes.</param>
public sealed record AttachmentRef(string Name, string MediaType, string ContentHash, long Length);
