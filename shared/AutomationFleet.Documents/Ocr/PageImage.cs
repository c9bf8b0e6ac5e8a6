namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// An encoded page image handed to OCR: a PNG, JPEG or TIFF (CCITT data from a PDF is wrapped in a TIFF), with the
/// page index inside it for multi-page TIFFs.
/// </summary>
/// <param name="PageNumber">1-based number of the document page this image belongs to.</param>
/// <param name="Data">The encoded image file.</param>
/// <param name="TiffPageIndex">0-based page inside a multi-page TIFF; 0 otherwise.</param>
/// <param name="Resolution">Pixels per inch if known (0 = take it from the file, or let Tesseract estimate).</param>
/// <param name="Zones">
/// Optional regions (pixels, top-left origin) to read in this order, each as a single block, instead of Tesseract's own
/// layout analysis: for forms whose fields are known, and for the UNLV measurement, which scores zoned pages.
/// </param>
public sealed record PageImage(int PageNumber, byte[] Data, int TiffPageIndex = 0, int Resolution = 0, IReadOnlyList<WordBox>? Zones = null);
