using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The sandbox protocol on the child's stdin and stdout, one document after another. A request is the document's
/// detected format (1 byte) and its length (8 bytes, little-endian) followed by its bytes; the child ends when its
/// stdin ends between requests. A response is its length (4 bytes, little-endian) followed by a
/// <see cref="SandboxResponse"/> as UTF-8 JSON; the first response, before any request, says the child has started
/// and loaded its OCR engines.
/// </summary>
internal static class SandboxFrames
{
    private const int RequestHeaderBytes = 9;
    private const int ResponseHeaderBytes = 4;

    /// <summary>Worker: sends one document.</summary>
    public static async Task WriteRequestAsync(Stream stdin, DocumentFormat format, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var header = new byte[RequestHeaderBytes];
        header[0] = (byte)format;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(1), content.Length);
        await stdin.WriteAsync(header, cancellationToken);
        await stdin.WriteAsync(content, cancellationToken);
        await stdin.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Child: the next document, or null when stdin ended between documents (the worker is done with this child).
    /// A document over <paramref name="maxFileBytes"/> is read past and comes back as a rejection to send.
    /// </summary>
    public static (DocumentFormat Format, byte[]? Content, DocumentRejectedException? Rejection)? ReadRequest(Stream stdin, long maxFileBytes)
    {
        var header = new byte[RequestHeaderBytes];
        var got = ReadFully(stdin, header);
        if (got == 0)
        {
            return null;
        }

        if (got < header.Length)
        {
            throw new EndOfStreamException("The sandbox's input ended inside a request header.");
        }

        var format = (DocumentFormat)header[0];
        var length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(1));
        if (length < 0)
        {
            throw new InvalidDataException("The sandbox was sent a negative document length.");
        }

        if (length > maxFileBytes)
        {
            Skip(stdin, length);
            return (format, null, new DocumentRejectedException(DocumentRejectionKind.FileTooLarge, "the file is over the size limit"));
        }

        var content = new byte[length];
        if (ReadFully(stdin, content) < length)
        {
            throw new EndOfStreamException("The sandbox's input ended inside a document.");
        }

        return (format, content, null);
    }

    /// <summary>Child: sends one response.</summary>
    public static void WriteResponse(Stream stdout, SandboxResponse response)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(response, SandboxJsonContext.Default.SandboxResponse);
        var header = new byte[ResponseHeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, json.Length);
        stdout.Write(header);
        stdout.Write(json);
        stdout.Flush();
    }

    /// <summary>
    /// Worker: the next response's JSON, or null when the child's stdout ended first (it exited: its exit code says
    /// why). Throws <see cref="DocumentRejectedException"/> (<see cref="DocumentRejectionKind.OutputTooLarge"/>) as soon
    /// as the child announces more than <paramref name="maxOutputBytes"/>, before reading any of it.
    /// </summary>
    public static async Task<byte[]?> ReadResponseAsync(Stream stdout, long maxOutputBytes, CancellationToken cancellationToken)
    {
        var header = new byte[ResponseHeaderBytes];
        if (await ReadFullyAsync(stdout, header, cancellationToken) < header.Length)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxOutputBytes)
        {
            throw OutputTooLarge(maxOutputBytes);
        }

        var json = new byte[length];
        return await ReadFullyAsync(stdout, json, cancellationToken) < length ? null : json;
    }

    public static DocumentRejectedException OutputTooLarge(long maxOutputBytes) => new(
        DocumentRejectionKind.OutputTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"the document reader's answer was over {maxOutputBytes:N0} bytes, the sandbox's output limit; the reader was stopped"));

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static void Skip(Stream stream, long length)
    {
        var chunk = new byte[81920];
        while (length > 0)
        {
            var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, length));
            if (read == 0)
            {
                throw new EndOfStreamException("The sandbox's input ended inside a document.");
            }

            length -= read;
        }
    }
}
