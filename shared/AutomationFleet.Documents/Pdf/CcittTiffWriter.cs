using System.Buffers.Binary;

namespace AutomationFleet.Documents.Pdf;

/// <summary>
/// Wraps the raw data of a PDF CCITTFaxDecode image, unchanged, in a one-strip little-endian TIFF so Leptonica
/// (libtiff) decodes it. K &lt; 0 is Group 4 (TIFF compression 4); K &gt;= 0 is Group 3 (compression 3).
/// </summary>
internal static class CcittTiffWriter
{
    public static byte[] Wrap(ReadOnlySpan<byte> ccitt, int width, int height, int k, bool encodedByteAlign, bool inverted)
    {
        var entries = new List<(ushort Tag, ushort Type, uint Value)>
        {
            (256, 4, (uint)width),
            (257, 4, (uint)height),
            (258, 3, 1),
            (259, 3, k < 0 ? 4u : 3u),
            (262, 3, inverted ? 1u : 0u),
            (273, 4, 0),
            (277, 3, 1),
            (278, 4, (uint)height),
            (279, 4, (uint)ccitt.Length),
            k < 0 ? ((ushort)293, (ushort)4, 0u) : ((ushort)292, (ushort)4, (k > 0 ? 1u : 0u) | (encodedByteAlign ? 4u : 0u)),
        };
        const int headerLength = 8;
        var ifdLength = 2 + (entries.Count * 12) + 4;
        var dataOffset = headerLength + ifdLength;
        entries[5] = (273, 4, (uint)dataOffset);

        var tiff = new byte[dataOffset + ccitt.Length];
        var span = tiff.AsSpan();
        span[0] = (byte)'I';
        span[1] = (byte)'I';
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], headerLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)entries.Count);
        var position = 10;
        foreach (var (tag, type, value) in entries)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[position..], tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(position + 2)..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(position + 4)..], 1);
            if (type == 3)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span[(position + 8)..], (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(position + 8)..], value);
            }

            position += 12;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[position..], 0);
        ccitt.CopyTo(span[dataOffset..]);
        return tiff;
    }
}
