using System.Runtime.InteropServices;
using AutomationFleet.Documents.Ocr.Native;

namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// Renders the image Tesseract read into a small grayscale PNG with Leptonica: 1-bit scans are scaled to gray (the
/// anti-aliasing keeps small print legible) and written with 4 bits a pixel, other depths are converted to 8-bit gray
/// and area-mapped down.
/// </summary>
internal static class PageImageRenderer
{
    /// <summary>zlib level for the PNG (see the Documents README for the measured trade-off against the default 6).</summary>
    public const int DefaultZlibLevel = 1;

    /// <summary>The largest scale that fits the image in <paramref name="maxWidth"/> x 2·<paramref name="maxWidth"/>, at most 1.</summary>
    public static double ScaleFor(int width, int height, int maxWidth) =>
        Math.Min(1.0, Math.Min((double)maxWidth / width, 2.0 * maxWidth / height));

    /// <summary>The PNG rendition of <paramref name="pix"/>, or null when Leptonica cannot make one (never fails the OCR).</summary>
    public static OcrPageImage? Render(PixHandle pix, int maxWidth, int zlibLevel = DefaultZlibLevel)
    {
        var width = LeptonicaNative.pixGetWidth(pix);
        var height = LeptonicaNative.pixGetHeight(pix);
        if (maxWidth <= 0 || width <= 0 || height <= 0)
        {
            return null;
        }

        var scale = (float)ScaleFor(width, height, maxWidth);
        using var gray = ToScaledGray(pix, scale);
        if (gray.IsInvalid)
        {
            return null;
        }

        return LeptonicaNative.pixGetDepth(pix) == 1 ? Encode4Bit(gray, zlibLevel) : Encode(gray, zlibLevel);
    }

    /// <summary>
    /// A 1-bit scan scaled to gray has few levels (each gray pixel averages a small box of black and white ones: 5 on
    /// the sample letters, 10 on the UNLV page), and keeping the top 4 bits keeps each of those apart.
    /// libpng searches its five row filters only for 8-bit rows; at 4 bits it writes them unfiltered, so the PNG takes
    /// 4-7 ms instead of 19-25 ms for a 1600-pixel-wide page and is about a quarter smaller (measured on shared/data/ocr
    /// and the sample scans; see the Documents README).
    /// </summary>
    private static OcrPageImage? Encode4Bit(PixHandle gray, int zlibLevel)
    {
        using var fourBit = LeptonicaNative.pixConvert8To4(gray);
        return fourBit.IsInvalid ? Encode(gray, zlibLevel) : Encode(fourBit, zlibLevel);
    }

    private static OcrPageImage? Encode(PixHandle gray, int zlibLevel)
    {
        _ = LeptonicaNative.pixSetZlibCompression(gray, zlibLevel);
        if (LeptonicaNative.pixWriteMem(out var data, out var size, gray, LeptonicaNative.FormatPng) != 0 || data == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            var png = new byte[checked((int)size)];
            Marshal.Copy(data, png, 0, png.Length);
            return new OcrPageImage(png, LeptonicaNative.pixGetWidth(gray), LeptonicaNative.pixGetHeight(gray));
        }
        finally
        {
            LeptonicaNative.lept_free(data);
        }
    }

    private static PixHandle ToScaledGray(PixHandle pix, float scale)
    {
        if (LeptonicaNative.pixGetDepth(pix) == 1 && scale < 1)
        {
            return LeptonicaNative.pixScaleToGray(pix, scale);
        }

        var gray = LeptonicaNative.pixConvertTo8(pix, 0);
        if (gray.IsInvalid || scale >= 1)
        {
            return gray;
        }

        using (gray)
        {
            return LeptonicaNative.pixScale(gray, scale, scale);
        }
    }
}
