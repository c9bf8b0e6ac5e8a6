namespace AutomationFleet.Documents.Ocr;

/// <summary>What an image's header declares, read without decoding the pixels.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="BitsPerPixel">Bits per sample x samples per pixel.</param>
internal readonly record struct ImageHeader(int Width, int Height, int BitsPerPixel)
{
    public long Pixels => (long)Width * Height;

    public long DecodedBytes => ((long)Width * BitsPerPixel + 7) / 8 * Height;
}
