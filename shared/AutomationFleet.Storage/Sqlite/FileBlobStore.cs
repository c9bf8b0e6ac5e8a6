using System.Security.Cryptography;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>
/// Content-addressed blobs on the local file system: a blob lives at <c>DIR/ab/abcdef…</c>, named by
/// the lower-case hex SHA-256 of its content. A write goes to a temporary file, is flushed to disk,
/// then renamed into place, so a reader never sees half a blob; a hash already stored is not rewritten. The folders are
/// 0700 and the blobs 0600 (<see cref="OwnerOnly"/>): they hold people's letters.
/// </summary>
/// <remarks>It sits beside the SQLite store (same namespace, as agreed) because the embedded default pairs the two.</remarks>
public sealed class FileBlobStore : IBlobStore
{
    private const int HashHexLength = 64;
    private readonly string _directory;

    /// <summary>Creates the store over a folder (created on first write).</summary>
    public FileBlobStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    public async Task<AttachmentRef> PutAsync(string name, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(mediaType);
        ArgumentNullException.ThrowIfNull(content);
        var temporaryDirectory = Path.Combine(_directory, "tmp");
        OwnerOnly.CreateFolder(_directory);
        OwnerOnly.CreateFolder(temporaryDirectory);
        var temporary = Path.Combine(temporaryDirectory, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            string hash;
            long length;
            await using (var file = new FileStream(temporary, OwnerOnly.NewFile(FileMode.CreateNew, FileOptions.Asynchronous)))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
                length = file.Length;
                file.Flush(flushToDisk: true);
            }

            var target = PathFor(hash);
            if (!File.Exists(target))
            {
                OwnerOnly.CreateFolder(Path.GetDirectoryName(target)!);
                try
                {
                    File.Move(temporary, target, overwrite: false);
                }
                catch (IOException) when (File.Exists(target))
                {
                    // Another writer stored the same content first; theirs is identical.
                }
            }

            return new AttachmentRef(name, mediaType, hash, length);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <inheritdoc />
    public Stream OpenRead(string contentHash)
    {
        var path = PathFor(contentHash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No blob {contentHash}.", path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string contentHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathFor(contentHash);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathFor(string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        if (contentHash.Length != HashHexLength || !contentHash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A content hash is 64 lower-case hex digits (SHA-256).", nameof(contentHash));
        }

        return Path.Combine(_directory, contentHash[..2], contentHash);
    }
}
