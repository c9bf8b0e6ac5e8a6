namespace AutomationFleet.Documents;

/// <summary>Where a page's text came from.</summary>
public enum PageSource
{
    /// <summary>The PDF's own text layer.</summary>
    Text,

    /// <summary>Tesseract OCR of the page image.</summary>
    Ocr,
}
