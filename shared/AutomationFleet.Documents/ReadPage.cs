namespace AutomationFleet.Documents;

/// <summary>One page's text, in reading order, and its words with where they are.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Source">Whether the text came from the PDF's text layer or from OCR.</param>
/// <param name="Text">The page text: words separated by spaces, lines by '\n', blocks by a blank line.</param>
/// <param name="Words">The words in reading order.</param>
/// <param name="MeanConfidence">Tesseract's mean text confidence for the page (0..1); 1 for a text layer.</param>
/// <param name="Width">Page width in <paramref name="Unit"/>.</param>
/// <param name="Height">Page height in <paramref name="Unit"/>.</param>
/// <param name="Unit">Points (1/72 inch) for text-layer pages, pixels of the (deskewed) image for OCR pages.</param>
public sealed record ReadPage(
    int Number,
    PageSource Source,
    string Text,
    IReadOnlyList<ReadWord> Words,
    double MeanConfidence,
    double Width,
    double Height,
    PageUnit Unit)
{
    /// <summary>
    /// For an OCR'd page, the image as the OCR saw it (after deskew, scaled down; see <see cref="Ocr.OcrPageImage"/>);
    /// null for text-layer pages, when <see cref="Ocr.OcrOptions.PageImageMaxWidth"/> is 0, and for a PDF page made of
    /// several images (their word boxes are in different images' pixels).
    /// </summary>
    public Ocr.OcrPageImage? Image { get; init; }
}
