using System.Runtime.InteropServices;
using AutomationFleet.Documents.Ocr.Native;

namespace AutomationFleet.Documents.Tests.Ocr;

/// <summary>Leptonica's pixel read, which the library itself does not need.</summary>
internal static partial class PixelReader
{
    [LibraryImport("liblept.so.5")]
    public static partial int pixGetPixel(PixHandle pix, int x, int y, out uint value);
}
