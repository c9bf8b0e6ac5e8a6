using AutomationFleet.Documents.Ocr.Native;

namespace AutomationFleet.Documents.Ocr;

/// <summary>Reads image headers with Leptonica (no pixel decoding) so limits are checked before the expensive work.</summary>
internal static class ImageInspector
{
    /// <summary>Headers of every page in the image (one for PNG/JPEG, one per directory for TIFF), stopping past maxPages.</summary>
    public static unsafe List<ImageHeader> ReadHeaders(ReadOnlySpan<byte> data, DocumentFormat format, int maxPages)
    {
        NativeEnvironment.PrepareForTesseract();
        var headers = new List<ImageHeader>();
        fixed (byte* p = data)
        {
            if (format == DocumentFormat.Tiff)
            {
                for (var index = 0; index <= maxPages; index++)
                {
                    if (LeptonicaNative.readHeaderMemTiff(p, (nuint)data.Length, index, out var w, out var h, out var bps, out var spp, out _, out _, out _) != 0)
                    {
                        break;
                    }

                    headers.Add(new ImageHeader(w, h, bps * spp));
                }
            }
            else if (LeptonicaNative.pixReadHeaderMem(p, (nuint)data.Length, out _, out var w, out var h, out var bps, out var spp, out _) == 0)
            {
                headers.Add(new ImageHeader(w, h, bps * spp));
            }
        }

        return headers;
    }
}
