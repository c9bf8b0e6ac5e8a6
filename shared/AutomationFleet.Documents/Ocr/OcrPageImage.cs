namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// The page as the OCR saw it (after deskew), kept so a person can check the words the OCR was unsure of: a grayscale
/// PNG (4 bits a pixel for a 1-bit scan, 8 otherwise), scaled down (never up) to fit <see cref="OcrOptions.PageImageMaxWidth"/>. A word box in the page's
/// pixels maps onto this image by multiplying x by <c>Width / page width</c> and y by <c>Height / page height</c>.
/// </summary>
/// <param name="Png">The encoded PNG.</param>
/// <param name="Width">Its width in pixels.</param>
/// <param name="Height">Its height in pixels.</param>
public sealed record OcrPageImage(byte[] Png, int Width, int Height);
