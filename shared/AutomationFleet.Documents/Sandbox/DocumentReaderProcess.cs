using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The reader for untrusted input: PDFs are parsed in a child process (AutomationFleet.Documents.Sandbox) with a
/// managed-heap cap, killed when <see cref="DocumentLimits.PerDocumentTimeout"/> runs out, so a parser hang, runaway
/// allocation or stack overflow costs one rejected document, never the worker. The parsed pages come back as JSON;
/// image-only pages are then OCR'd here on the shared engine pool. Images (TIFF/PNG/JPEG) are read in this process
/// after their headers pass the limits.
/// </summary>
public sealed class DocumentReaderProcess : IDocumentReader
{
    private readonly DocumentReader _reader;

    /// <summary>Creates the reader.</summary>
    /// <param name="limits">Limits for hostile input.</param>
    /// <param name="ocr">The shared OCR engine pool.</param>
    /// <param name="sandbox">How to start the child process; null for the defaults.</param>
    public DocumentReaderProcess(DocumentLimits limits, OcrEnginePool ocr, DocumentSandboxOptions? sandbox = null) =>
        _reader = new DocumentReader(limits, ocr, new SandboxedPdfExtractor(sandbox ?? new DocumentSandboxOptions()));

    /// <inheritdoc />
    public Task<ReadDocument> ReadAsync(ReadOnlyMemory<byte> content, string? nameOrMediaType, CancellationToken cancellationToken) =>
        _reader.ReadAsync(content, nameOrMediaType, cancellationToken);

    /// <inheritdoc />
    public Task<ReadDocument> ReadAsync(Stream content, string? nameOrMediaType, CancellationToken cancellationToken) =>
        _reader.ReadAsync(content, nameOrMediaType, cancellationToken);
}
