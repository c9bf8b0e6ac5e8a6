namespace AutomationFleet.Documents;

/// <summary>Reads the text of an inbound document: PDF text layers, and OCR for scans and images.</summary>
public interface IDocumentReader
{
    /// <summary>
    /// Reads a document. The format is detected from the content; <paramref name="nameOrMediaType"/> (a file name or a
    /// media type) is only a hint used when the content does not say. Throws <see cref="DocumentRejectedException"/>
    /// with a reason a person can act on when the file breaks a <see cref="DocumentLimits"/> limit or cannot be read.
    /// </summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="nameOrMediaType">A file name or media type, or null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<ReadDocument> ReadAsync(ReadOnlyMemory<byte> content, string? nameOrMediaType, CancellationToken cancellationToken);

    /// <summary>Reads a document from a stream (read up to <see cref="DocumentLimits.MaxFileBytes"/> + 1 bytes, then rejected).</summary>
    /// <param name="content">The file's content; read to its end, not disposed.</param>
    /// <param name="nameOrMediaType">A file name or media type, or null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<ReadDocument> ReadAsync(Stream content, string? nameOrMediaType, CancellationToken cancellationToken);
}
