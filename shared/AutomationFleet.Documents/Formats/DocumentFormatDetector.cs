namespace AutomationFleet.Documents.Formats;

/// <summary>Tells the format from the first bytes; falls back to the name or media type hint.</summary>
internal static class DocumentFormatDetector
{
    public static DocumentFormat Detect(ReadOnlySpan<byte> content, string? nameOrMediaType)
    {
        var head = content[..Math.Min(content.Length, 1024)];
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return DocumentFormat.Pdf;
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return DocumentFormat.Tiff;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return DocumentFormat.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return DocumentFormat.Jpeg;
        }

        return FromHint(nameOrMediaType);
    }

    private static DocumentFormat FromHint(string? hint)
    {
        if (string.IsNullOrWhiteSpace(hint))
        {
            return DocumentFormat.Unknown;
        }

        var h = hint.Trim().ToUpperInvariant();
        return h switch
        {
            _ when h.EndsWith(".PDF", StringComparison.Ordinal) || h == "APPLICATION/PDF" => DocumentFormat.Pdf,
            _ when h.EndsWith(".TIF", StringComparison.Ordinal) || h.EndsWith(".TIFF", StringComparison.Ordinal) || h == "IMAGE/TIFF" => DocumentFormat.Tiff,
            _ when h.EndsWith(".PNG", StringComparison.Ordinal) || h == "IMAGE/PNG" => DocumentFormat.Png,
            _ when h.EndsWith(".JPG", StringComparison.Ordinal) || h.EndsWith(".JPEG", StringComparison.Ordinal) || h == "IMAGE/JPEG" => DocumentFormat.Jpeg,
            _ => DocumentFormat.Unknown,
        };
    }
}
