using System.Globalization;

namespace AutomationFleet.Documents;

/// <summary>The checks on a document's bytes that come before any parsing, shared by both readers.</summary>
internal static class DocumentBytes
{
    /// <summary>Reads a stream whole, rejecting it as soon as it passes <paramref name="maxFileBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(Stream content, long maxFileBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxFileBytes)
            {
                throw new DocumentRejectedException(
                    DocumentRejectionKind.FileTooLarge,
                    string.Create(CultureInfo.InvariantCulture, $"the file is over {maxFileBytes:N0} bytes, the limit"));
            }
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>Rejects an empty file or one over <paramref name="maxFileBytes"/>.</summary>
    public static void CheckSize(int length, long maxFileBytes)
    {
        if (length == 0)
        {
            throw new DocumentRejectedException(DocumentRejectionKind.Empty, "the file is empty (0 bytes)");
        }

        if (length > maxFileBytes)
        {
            throw new DocumentRejectedException(
                DocumentRejectionKind.FileTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"the file is {length:N0} bytes; the limit is {maxFileBytes:N0} bytes"));
        }
    }
}
