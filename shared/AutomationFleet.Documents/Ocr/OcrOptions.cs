using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Documents.Ocr;

/// <summary>How the Tesseract engines are set up.</summary>
public sealed class OcrOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ocr";

    /// <summary>The tessdata folder; null uses the library's built-in path (Debian: /usr/share/tesseract-ocr/5/tessdata).</summary>
    public string? DataPath { get; set; }

    /// <summary>Tesseract language(s), e.g. "eng" or "eng+fra". Default "eng" (Debian package tesseract-ocr-eng).</summary>
    [Required]
    public string Language { get; set; } = "eng";

    /// <summary>Tesseract page segmentation mode; default 3 (fully automatic layout, no orientation detection).</summary>
    [Range(0, 13)]
    public int PageSegMode { get; set; } = 3;

    /// <summary>Straighten the page with Leptonica's pixDeskew before OCR (only rotates when a skew is found). Default true.</summary>
    public bool Deskew { get; set; } = true;

    /// <summary>
    /// Keep each OCR'd page as a grayscale PNG (<see cref="ReadPage.Image"/>) no wider than this many pixels and no
    /// taller than twice it (scaled down, never up), for people to check the OCR against. 0 keeps none. Default 1600.
    /// </summary>
    [Range(0, 10_000)]
    public int PageImageMaxWidth { get; set; } = 1600;

    /// <summary>Most engines (and so pages OCR'd at once). Default: the processor count.</summary>
    [Range(1, 256)]
    public int MaxEngines { get; set; } = Environment.ProcessorCount;
}
