using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Blobs;

/// <summary>
/// The JSON document a watched folder attaches to an item (a form or an assessment dropped as a <c>.json</c> file), found
/// and read the same way by every bot that takes one.
/// </summary>
public static class JsonAttachment
{
    /// <summary>The item's first attachment named <c>*.json</c> or typed <c>application/json</c>; null when there is none.</summary>
    public static AttachmentRef? Find(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Attachments.FirstOrDefault(a => a.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || a.MediaType == "application/json");
    }

    /// <summary>The attachment's text (UTF-8, or as its byte-order mark says).</summary>
    public static string ReadText(IBlobStore blobs, AttachmentRef file)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(file);
        using var stream = blobs.OpenRead(file.ContentHash);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
