namespace AutomationFleet.Documents;

/// <summary>A word and where it is on its page.</summary>
/// <param name="Text">The word.</param>
/// <param name="Confidence">0..1: Tesseract's word confidence / 100 for OCR, 1 for a PDF text layer.</param>
/// <param name="Box">Its bounding box, origin top-left, in the page's unit.</param>
public sealed record ReadWord(string Text, double Confidence, WordBox Box);
