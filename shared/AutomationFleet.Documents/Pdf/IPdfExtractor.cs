namespace AutomationFleet.Documents.Pdf;

/// <summary>Where PDF parsing runs: in this process, or in the sandbox child process.</summary>
internal interface IPdfExtractor
{
    Task<PdfExtraction> ExtractAsync(ReadOnlyMemory<byte> pdf, DocumentLimits limits, CancellationToken cancellationToken);
}
