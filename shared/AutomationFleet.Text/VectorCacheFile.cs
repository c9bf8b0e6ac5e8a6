using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Text;

/// <summary>
/// The persisted vector cache of one model: an append-only file of a 16-byte header (magic <c>AFTXTVEC</c>,
/// format version, dimensions; little-endian int32s) followed by records of a 32-byte key and
/// <c>Dimensions</c> little-endian float32s. A partial record at the end (a crash mid-append) is ignored and cut off.
/// One writer at a time (it holds <c>vectors.bin.lock</c>); a second opener reads the records but does not append.
/// </summary>
internal sealed class VectorCacheFile : IDisposable
{
    public const int HeaderSize = 16;
    public const int FormatVersion = 1;

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private FileStream? _writer;
    private FileStream? _writerLock;

    private VectorCacheFile(string path, int dimensions, FileStream? writer, FileStream? writerLock, ILogger logger)
    {
        FilePath = path;
        Dimensions = dimensions;
        _writer = writer;
        _writerLock = writerLock;
        _logger = logger;
    }

    public static ReadOnlySpan<byte> Magic => "AFTXTVEC"u8;

    public string FilePath { get; }

    public int Dimensions { get; }

    public int RecordSize => EmbeddingKey.Size + (Dimensions * sizeof(float));

    /// <summary>Whether appends reach the file (false when another process writes it, or after a write failed).</summary>
    public bool IsWritable => _writer is not null;

    /// <summary>
    /// Opens (or creates) the file and hands every whole record to <paramref name="onRecord"/>; returns the file
    /// ready for appends, and the number of records read.
    /// </summary>
    public static (VectorCacheFile File, int Records) Open(
        string path, int dimensions, Action<EmbeddingKey, float[]> onRecord, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // One writer at a time: the writer holds <path>.lock exclusively (an flock on Unix, which also holds between
        // two handles in one process). Anyone else reads what is there and keeps its new vectors in memory.
        FileStream? writerLock = null;
        try
        {
            writerLock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            logger.LogWarning("Vector cache {Path} has another writer; new vectors stay in memory", path);
        }

        var writable = writerLock is not null;
        FileStream stream;
        try
        {
            stream = writable
                ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read)
                : new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        }
        catch
        {
            writerLock?.Dispose();
            throw;
        }

        var file = new VectorCacheFile(path, dimensions, writable ? stream : null, writerLock, logger);
        try
        {
            var records = file.ReadAll(stream, onRecord);
            if (!writable)
            {
                stream.Dispose();
            }

            return (file, records);
        }
        catch
        {
            file.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends the records and flushes them to the operating system; a failed write stops persisting.</summary>
    public void Append(IReadOnlyList<(EmbeddingKey Key, float[] Vector)> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        var buffer = new byte[records.Count * RecordSize];
        for (var r = 0; r < records.Count; r++)
        {
            WriteRecord(buffer.AsSpan(r * RecordSize, RecordSize), records[r].Key, records[r].Vector);
        }

        lock (_gate)
        {
            if (_writer is null)
            {
                return;
            }

            try
            {
                _writer.Write(buffer);
                _writer.Flush();
            }
            catch (IOException exception)
            {
                _logger.LogWarning(exception, "Could not append to vector cache {Path}; new vectors stay in memory", FilePath);
                _writer.Dispose();
                _writer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
            _writerLock?.Dispose();
            _writerLock = null;
        }
    }

    private int ReadAll(FileStream stream, Action<EmbeddingKey, float[]> onRecord)
    {
        if (!HasValidHeader(stream))
        {
            if (stream.Length > 0)
            {
                _logger.LogWarning(
                    "Vector cache {Path} is not a {Dimensions}-dimension cache file of format {Version}; starting it afresh",
                    FilePath, Dimensions, FormatVersion);
            }

            if (_writer is not null)
            {
                stream.SetLength(0);
                Span<byte> header = stackalloc byte[HeaderSize];
                WriteHeader(header);
                stream.Write(header);
                stream.Flush();
            }

            return 0;
        }

        var body = stream.Length - HeaderSize;
        var count = body / RecordSize;
        var tail = body % RecordSize;
        stream.Position = HeaderSize;
        var record = new byte[RecordSize];
        for (long r = 0; r < count; r++)
        {
            stream.ReadExactly(record);
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = BinaryPrimitives.ReadSingleLittleEndian(record.AsSpan(EmbeddingKey.Size + (d * sizeof(float))));
            }

            onRecord(EmbeddingKey.Read(record), vector);
        }

        if (tail > 0)
        {
            _logger.LogWarning("Vector cache {Path} ends in a partial record of {Bytes} bytes; ignored", FilePath, tail);
            if (_writer is not null)
            {
                stream.SetLength(HeaderSize + (count * RecordSize));
            }
        }

        stream.Seek(0, SeekOrigin.End);
        return checked((int)count);
    }

    private bool HasValidHeader(FileStream stream)
    {
        if (stream.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        stream.Position = 0;
        stream.ReadExactly(header);
        return header[..8].SequenceEqual(Magic)
            && BinaryPrimitives.ReadInt32LittleEndian(header[8..]) == FormatVersion
            && BinaryPrimitives.ReadInt32LittleEndian(header[12..]) == Dimensions;
    }

    private void WriteHeader(Span<byte> header)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], Dimensions);
    }

    private void WriteRecord(Span<byte> destination, EmbeddingKey key, float[] vector)
    {
        key.Write(destination);
        for (var d = 0; d < Dimensions; d++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(EmbeddingKey.Size + (d * sizeof(float)))..], vector[d]);
        }
    }
}
