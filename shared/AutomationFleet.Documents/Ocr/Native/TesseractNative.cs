using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Ocr.Native;

/// <summary>The slice of Tesseract 5's C API (capi.h) that the OCR engine uses; Debian's libtesseract.so.5.</summary>
internal static partial class TesseractNative
{
    private const string Library = "libtesseract.so.5";

    /// <summary>Page iterator level RIL_WORD.</summary>
    public const int LevelWord = 3;

    [LibraryImport(Library)]
    public static partial TessBaseApiHandle TessBaseAPICreate();

    [LibraryImport(Library)]
    public static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIEnd(TessBaseApiHandle handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(TessBaseApiHandle handle, string? dataPath, string language);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(TessBaseApiHandle handle, string name, string value);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetPageSegMode(TessBaseApiHandle handle, int mode);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetImage2(TessBaseApiHandle handle, PixHandle pix);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetSourceResolution(TessBaseApiHandle handle, int ppi);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetRectangle(TessBaseApiHandle handle, int left, int top, int width, int height);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIRecognize(TessBaseApiHandle handle, TessMonitorHandle monitor);

    [LibraryImport(Library)]
    public static partial IntPtr TessBaseAPIGetUTF8Text(TessBaseApiHandle handle);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIMeanTextConf(TessBaseApiHandle handle);

    [LibraryImport(Library)]
    public static partial TessResultIteratorHandle TessBaseAPIGetIterator(TessBaseApiHandle handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIClear(TessBaseApiHandle handle);

    [LibraryImport(Library)]
    public static partial void TessDeleteText(IntPtr text);

    [LibraryImport(Library)]
    public static partial void TessResultIteratorDelete(IntPtr iterator);

    [LibraryImport(Library)]
    public static partial int TessResultIteratorNext(TessResultIteratorHandle iterator, int level);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetUTF8Text(TessResultIteratorHandle iterator, int level);

    [LibraryImport(Library)]
    public static partial float TessResultIteratorConfidence(TessResultIteratorHandle iterator, int level);

    [LibraryImport(Library)]
    public static partial IntPtr TessResultIteratorGetPageIterator(TessResultIteratorHandle iterator);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorBoundingBox(IntPtr pageIterator, int level, out int left, out int top, out int right, out int bottom);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorIsAtBeginningOf(IntPtr pageIterator, int level);

    [LibraryImport(Library)]
    public static partial TessMonitorHandle TessMonitorCreate();

    [LibraryImport(Library)]
    public static partial void TessMonitorDelete(IntPtr monitor);

    [LibraryImport(Library)]
    public static partial void TessMonitorSetDeadlineMSecs(TessMonitorHandle monitor, int deadline);

    [LibraryImport(Library)]
    public static unsafe partial void TessMonitorSetCancelFunc(TessMonitorHandle monitor, delegate* unmanaged<IntPtr, int, int> cancelFunc);

    [LibraryImport(Library)]
    public static partial void TessMonitorSetCancelThis(TessMonitorHandle monitor, IntPtr cancelThis);

    /// <summary>Copies a UTF-8 string that Tesseract allocated and frees it with TessDeleteText.</summary>
    public static string TakeText(IntPtr text)
    {
        if (text == IntPtr.Zero)
        {
            return string.Empty;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text) ?? string.Empty;
        }
        finally
        {
            TessDeleteText(text);
        }
    }
}
