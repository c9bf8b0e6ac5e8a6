namespace AutomationFleet.Worker.Inbox;

/// <summary>Whether a file's first bytes match what its extension says it is, and its media type.</summary>
public static class FileContentCheck
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] TiffLittle = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBig = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>How many leading bytes <see cref="Check"/> wants.</summary>
    public const int HeaderLength = 8192;

    public static bool Knows(string extension) => MediaType(extension) is not null;

    /// <summary>The media type for an extension, or null if there is no check for it.</summary>
    public static string? MediaType(string extension) => extension.ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".TIF" or ".TIFF" => "image/tiff",
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".EML" => "message/rfc822",
        ".TXT" => "text/plain",
        ".JSON" => "application/json",
        _ => null,
    };

    /// <summary>Null when the content fits the extension, else why not (no file name in it).</summary>
    public static string? Check(string extension, ReadOnlySpan<byte> header) => extension.ToUpperInvariant() switch
    {
        ".PDF" => header.StartsWith(Pdf) ? null : "content is not a PDF (no %PDF- header)",
        ".TIF" or ".TIFF" => header.StartsWith(TiffLittle) || header.StartsWith(TiffBig) ? null : "content is not a TIFF image",
        ".PNG" => header.StartsWith(Png) ? null : "content is not a PNG image",
        ".JPG" or ".JPEG" => header.StartsWith(Jpeg) ? null : "content is not a JPEG image",
        ".EML" or ".TXT" => header.Contains((byte)0) ? "content is binary, not text" : null,
        ".JSON" => header.Contains((byte)0) || FirstNonSpace(header) != (byte)'{' ? "content is not a JSON object" : null,
        _ => $"no content check for extension {extension}",
    };

    // A JSON object starts with '{' after any white space (and a UTF-8 byte-order mark, which editors add).
    private static byte FirstNonSpace(ReadOnlySpan<byte> header)
    {
        var rest = header.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? header[3..] : header;
        foreach (var b in rest)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b;
            }
        }

        return 0;
    }
}
