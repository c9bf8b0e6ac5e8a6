namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>One word as read from a page, in the order it appears in the document's text.</summary>
/// <param name="Text">The word as it appears in <see cref="ExtractionInput.Text"/>.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="Left">Left edge, in the reader's page units.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
/// <param name="Confidence">0..1: the OCR engine's confidence in the word; 1 for a PDF text layer.</param>
public sealed record SourceWord(string Text, int Page, double Left, double Top, double Right, double Bottom, double Confidence);
