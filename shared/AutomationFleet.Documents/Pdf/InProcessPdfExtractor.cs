namespace AutomationFleet.Documents.Pdf;

/// <summary>Parses in this process: for trusted PDFs, and inside the sandbox itself.</summary>
internal sealed class InProcessPdfExtractor : IPdfExtractor
{
    public static InProcessPdfExtractor Instance { get; } = new();

    public Task<PdfExtraction> ExtractAsync(ReadOnlyMemory<byte> pdf, DocumentLimits limits, CancellationToken cancellationToken) =>
        Task.Run(() => PdfTextExtractor.Extract(pdf, limits, cancellationToken), cancellationToken);
}
