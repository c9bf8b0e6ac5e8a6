using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Pdf;

/// <summary>What PDF parsing yields: per page, either its text layer or the images still to OCR. Crosses the sandbox as JSON.</summary>
/// <param name="Pages">The pages in order.</param>
internal sealed record PdfExtraction(IReadOnlyList<PdfExtractedPage> Pages);

/// <summary>One parsed PDF page.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="TextPage">The page read from its text layer, or null when it is image-only.</param>
/// <param name="Images">The page's images to OCR when it is image-only (top to bottom).</param>
internal sealed record PdfExtractedPage(int Number, ReadPage? TextPage, IReadOnlyList<PageImage> Images);
