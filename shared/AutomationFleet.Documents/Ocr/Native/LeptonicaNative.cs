using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>The slice of Leptonica 1.82 (Debian's liblept.so.5) used to decode, inspect and render page images.</summary>
internal static unsafe partial class LeptonicaNative
{
    private const string Library = "liblept.so.5";

    /// <summary>L_SEVERITY_NONE: Leptonica writes nothing to stderr.</summary>
    public const int SeverityNone = 6;

    /// <summary>IFF_PNG: pixWriteMem's format for PNG.</summary>
    public const int FormatPng = 3;

    /// <summary>IFF_TIFF (4) and its compressed variants IFF_TIFF_PACKBITS .. IFF_TIFF_ZIP (5..10) and IFF_TIFF_JPEG (17).</summary>
    public static bool IsTiff(int format) => format is >= 4 and <= 10 or 17;

    [LibraryImport(Library)]
    public static partial int setMsgSeverity(int severity);

    [LibraryImport(Library)]
    public static partial int findFileFormatBuffer(byte* buffer, out int format);

    [LibraryImport(Library)]
    public static partial int pixReadHeaderMem(byte* data, nuint size, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int isColormapped);

    [LibraryImport(Library)]
    public static partial int readHeaderMemTiff(byte* data, nuint size, int pageIndex, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int resolution, out int isColormapped, out int format);

    /// <summary>ENOMEM: malloc's errno when an allocation fails (under RLIMIT_AS, when the address space is used up).</summary>
    public const int OutOfMemoryErrno = 12;

    [LibraryImport(Library, SetLastError = true)]
    public static partial PixHandle pixReadMem(byte* data, nuint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial PixHandle pixReadMemTiff(byte* data, nuint size, int pageIndex);

    [LibraryImport(Library)]
    public static partial PixHandle pixDeskew(PixHandle pix, int reductionSearch);

    [LibraryImport(Library)]
    public static partial PixHandle pixConvertTo8(PixHandle pix, int colormapFlag);

    [LibraryImport(Library)]
    public static partial PixHandle pixScale(PixHandle pix, float scaleX, float scaleY);

    [LibraryImport(Library)]
    public static partial PixHandle pixConvert8To4(PixHandle pix);

    [LibraryImport(Library)]
    public static partial PixHandle pixScaleToGray(PixHandle pix, float scaleFactor);

    [LibraryImport(Library)]
    public static partial int pixSetZlibCompression(PixHandle pix, int level);

    [LibraryImport(Library)]
    public static partial int pixWriteMem(out IntPtr data, out nuint size, PixHandle pix, int format);

    [LibraryImport(Library)]
    public static partial void lept_free(IntPtr data);

    [LibraryImport(Library)]
    public static partial int pixGetDepth(PixHandle pix);

    [LibraryImport(Library)]
    public static partial int pixGetWidth(PixHandle pix);

    [LibraryImport(Library)]
    public static partial int pixGetHeight(PixHandle pix);

    [LibraryImport(Library)]
    public static partial int pixGetXRes(PixHandle pix);

    [LibraryImport(Library)]
    public static partial int pixSetResolution(PixHandle pix, int xres, int yres);

    [LibraryImport(Library)]
    public static partial void pixDestroy(ref IntPtr pix);
}
