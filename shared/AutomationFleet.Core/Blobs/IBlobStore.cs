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

    /// <summary>
    /// Deletes a stored blob; returns false if there was none (so a repeated delete is harmless). The caller checks that
    /// no item still refers to it (blobs are shared by content: two items with the same file hold one blob).
    /// </summary>
    Task<bool> DeleteAsync(string contentHash, CancellationToken cancellationToken);
}
