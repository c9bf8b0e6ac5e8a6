using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Blobs;

/// <summary>Attachments stored once by SHA-256 of their content.</summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores the content (durably: written, flushed to disk, then renamed into place) unless a blob
    /// with the same hash exists, and returns its reference.
    /// </summary>
    Task<AttachmentRef> PutAsync(string name, string mediaType, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored blob for reading; throws <see cref="FileNotFoundException"/> if absent.</summary>
    Stream OpenRead(string contentHash);
}
