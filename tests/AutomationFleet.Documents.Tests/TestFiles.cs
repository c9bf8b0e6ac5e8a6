using System.Runtime.InteropServices;
using System.Text;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace AutomationFleet.Documents.Tests;

/// <summary>The shared OCR data and test documents made on the fly (PDFs with PdfPig, PNG/JPEG/multi-page TIFF with Leptonica).</summary>
internal static partial class TestFiles
{
    public static string OcrDirectory { get; } = FindOcrDirectory();

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(OcrDirectory, name));

    public static string Truth(string name) => File.ReadAllText(Path.Combine(OcrDirectory, name), Encoding.UTF8);

    public static byte[] TextPdf(params string[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(595, 842);
            var y = 780.0;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new UglyToad.PdfPig.Core.PdfPoint(72, y), font);
                y -= 18;
            }
        }

        return builder.Build();
    }

    /// <summary>Converts an image to another format with Leptonica (2 = JPEG, 3 = PNG).</summary>
    public static unsafe byte[] Convert(string name, int leptonicaFormat)
    {
        var pix = pixRead(Path.Combine(OcrDirectory, name));
        try
        {
            if (pixWriteMem(out var data, out var size, pix, leptonicaFormat) != 0)
            {
                throw new InvalidOperationException("pixWriteMem failed");
            }

            var bytes = new ReadOnlySpan<byte>((void*)data, (int)size).ToArray();
            lept_free(data);
            return bytes;
        }
        finally
        {
            pixDestroy(ref pix);
        }
    }

    /// <summary>A multi-page G4 TIFF made of the given pages.</summary>
    public static byte[] MultiPageG4Tiff(params string[] names)
    {
        var path = Path.Combine(Path.GetTempPath(), $"multi-{Guid.NewGuid():N}.tif");
        try
        {
            var mode = "w";
            foreach (var name in names)
            {
                var pix = pixRead(Path.Combine(OcrDirectory, name));
                try
                {
                    if (pixWriteTiff(path, pix, 8, mode) != 0)
                    {
                        throw new InvalidOperationException("pixWriteTiff failed");
                    }
                }
                finally
                {
                    pixDestroy(ref pix);
                }

                mode = "a";
            }

            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string FindOcrDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "ocr");
            if (File.Exists(Path.Combine(candidate, "phototest.tif")))
            {
                return candidate;
            }
        }

        return "/work/shared/data/ocr";
    }

    [LibraryImport("liblept.so.5", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr pixRead(string path);

    [LibraryImport("liblept.so.5")]
    private static partial int pixWriteMem(out IntPtr data, out nuint size, IntPtr pix, int format);

    [LibraryImport("liblept.so.5", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int pixWriteTiff(string path, IntPtr pix, int compression, string mode);

    [LibraryImport("liblept.so.5")]
    private static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport("liblept.so.5")]
    private static partial void lept_free(IntPtr data);
}
