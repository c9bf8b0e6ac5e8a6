using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AutomationFleet.Text;

/// <summary>A cache key: SHA-256 of (model name + "\n" + truncated text), held as four words for cheap equality.</summary>
internal readonly record struct EmbeddingKey(ulong A, ulong B, ulong C, ulong D)
{
    public const int Size = 32;

    public static EmbeddingKey Of(string modelName, string truncatedText)
    {
        var input = Encoding.UTF8.GetBytes(modelName + "\n" + truncatedText);
        Span<byte> hash = stackalloc byte[Size];
        SHA256.HashData(input, hash);
        return Read(hash);
    }

    public static EmbeddingKey Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64BigEndian(bytes),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));

    /// <summary>Writes the hash bytes in their original order, so the file holds the plain SHA-256.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }
}
