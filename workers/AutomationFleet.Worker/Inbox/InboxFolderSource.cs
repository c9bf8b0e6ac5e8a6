using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Files;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Inbox;

/// <summary>
/// Turns files dropped in the inbox folder into work items. A file is taken once its size and write
/// time are unchanged across two scans (a scanner or copy still writing it is left alone). A taken file
/// is checked, stored as an attachment, enqueued under <c>inbox:{sha256}</c>, and only after the enqueue
/// has committed moved to the processed folder; a crash in between re-enqueues the same reference next
/// time, which is a no-op. A refused file is moved to quarantine with a <c>.reason.txt</c> beside it.
/// File names may hold personal data, so logs name files only by content hash or quarantine id.
/// </summary>
public sealed class InboxFolderSource(
    IOptions<InboxOptions> options,
    IWorkQueue queue,
    IBlobStore blobs,
    TimeProvider timeProvider,
    ILogger<InboxFolderSource> logger) : BackgroundService
{
    public const string Actor = Actors.Inbox;

    private readonly InboxOptions _options = options.Value;
    private readonly Dictionary<string, (long Length, DateTime WrittenUtc)> _lastSeen = new(StringComparer.Ordinal);
    // Files that could not even be moved to quarantine: skipped until they change, so they do not spin the loop.
    private readonly Dictionary<string, (long Length, DateTime WrittenUtc)> _stuck = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        logger.LogInformation("Inbox folder watched every {PollInterval}, feeding {Queue}", _options.PollInterval, _options.Queue);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The folder itself is unreadable (unmounted share, permissions): say so and try again next poll.
                logger.LogError("Inbox folder scan failed with {ErrorType}; retrying next poll", ex.GetType().Name);
            }

            try
            {
                await Task.Delay(_options.PollInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One scan: notes every file's size and time, and handles those unchanged since the last scan.</summary>
    /// <returns>How many files were handled (enqueued or quarantined).</returns>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.Path);
        var seenNow = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        var handled = 0;
        // In name order, so files dropped together are enqueued (and so taken) in an order a person can set.
        foreach (var path in Directory.EnumerateFiles(_options.Path).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(path);
            if (IsInProgressName(info.Name))
            {
                continue;
            }

            (long, DateTime) observation;
            try
            {
                info.Refresh();
                observation = (info.Length, info.LastWriteTimeUtc);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            seenNow[path] = observation;
            if (_stuck.TryGetValue(path, out var stuckAt) && stuckAt == observation)
            {
                continue;
            }

            if (!_lastSeen.TryGetValue(path, out var previous) || previous != observation)
            {
                continue;
            }

            await HandleFileAsync(info, cancellationToken);
            seenNow.Remove(path);
            handled++;
        }

        _lastSeen.Clear();
        foreach (var (path, observation) in seenNow)
        {
            _lastSeen[path] = observation;
        }

        return handled;
    }

    // Temporary names writers use while a file is still arriving.
    private static bool IsInProgressName(string name) =>
        name.StartsWith('.')
        || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase);

    private async Task HandleFileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        string? hash = null;
        try
        {
            var refusal = await RefusalAsync(file, cancellationToken);
            if (refusal is not null)
            {
                Quarantine(file, refusal, null);
                return;
            }

            var extension = file.Extension;
            var mediaType = FileContentCheck.MediaType(extension)!;
            await using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                stream.Position = 0;
                var attachment = await blobs.PutAsync(file.Name, mediaType, stream, cancellationToken);
                var reference = $"{_options.ReferencePrefix}:{hash}";
                var payload = JsonSerializer.Serialize(new InboxPayload(
                    "inbox", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), 0));
                var result = await queue.EnqueueAsync(
                    new NewWorkItem(_options.Queue, reference, payload, [attachment]), Actor, cancellationToken);
                if (result.Created)
                {
                    logger.LogInformation("Inbox file enqueued as {Reference} on {Queue}", reference, _options.Queue);
                }
                else
                {
                    logger.LogInformation("Inbox file repeats {Reference}, already enqueued; moving it aside", reference);
                }
            }

            // Only now, with the item committed, does the file leave the inbox.
            MoveUnique(file, _options.ProcessedPath);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && hash is null)
        {
            Quarantine(file, $"file could not be read: {ex.Message}", null);
        }
        catch (Exception ex)
        {
            // Enqueue or store failed (database busy, disk full): leave the file where it is for the next scan.
            logger.LogError(ex, "Inbox file {ContentHash} not enqueued this time; it stays in the inbox and is retried", hash ?? "(unhashed)");
            _lastSeen.Remove(file.FullName);
        }
    }

    private async Task<string?> RefusalAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return "empty file";
        }

        if (file.Length > _options.MaxFileBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"file is {file.Length} bytes; limit is {_options.MaxFileBytes}");
        }

        var extension = file.Extension;
        if (!_options.EffectiveExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return $"extension '{extension}' is not accepted; accepted are {string.Join(" ", _options.EffectiveExtensions)}";
        }

        var header = new byte[FileContentCheck.HeaderLength];
        int read;
        await using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        return FileContentCheck.Check(extension, header.AsSpan(0, read));
    }

    private void Quarantine(FileInfo file, string reason, string? hash)
    {
        var quarantineId = string.Create(
            CultureInfo.InvariantCulture, $"q-{timeProvider.GetUtcNow():yyyyMMddTHHmmssZ}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        var observation = SafeObservation(file);
        try
        {
            var moved = MoveUnique(file, _options.QuarantinePath);
            File.WriteAllText(
                moved + ".reason.txt",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Quarantine id: {quarantineId}\nReason: {reason}\nAt: {timeProvider.GetUtcNow():O}\n{(hash is null ? "" : $"SHA-256: {hash}\n")}"));
            logger.LogWarning("Inbox file quarantined as {QuarantineId}: {Reason}", quarantineId, RedactedReason(reason));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Inbox file {QuarantineId} could not be quarantined ({ErrorType}); skipped until it changes", quarantineId, ex.GetType().Name);
            if (observation is { } seen)
            {
                _stuck[file.FullName] = seen;
            }
        }
    }

    // Exception messages often quote the path, which holds the file name: keep them in the sidecar, not the log.
    private static string RedactedReason(string reason) =>
        reason.StartsWith("file could not be read", StringComparison.Ordinal) ? "file could not be read (details in the reason file)" : reason;

    private static (long, DateTime)? SafeObservation(FileInfo file)
    {
        try
        {
            file.Refresh();
            return (file.Length, file.LastWriteTimeUtc);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Moves a file into a folder, adding " (n)" before the extension if the name is taken; returns the new path.</summary>
    internal static string MoveUnique(FileInfo file, string folder)
    {
        OwnerOnly.CreateFolder(folder);
        var stem = Path.GetFileNameWithoutExtension(file.Name);
        var extension = file.Extension;
        for (var n = 0; ; n++)
        {
            var name = n == 0 ? file.Name : string.Create(CultureInfo.InvariantCulture, $"{stem} ({n}){extension}");
            var target = Path.Combine(folder, name);
            if (File.Exists(target) || File.Exists(target + ".reason.txt"))
            {
                continue;
            }

            try
            {
                File.Move(file.FullName, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Lost a race for the name; try the next one.
            }
        }
    }

    private sealed record InboxPayload(
        [property: System.Text.Json.Serialization.JsonPropertyName("source")] string Source,
        [property: System.Text.Json.Serialization.JsonPropertyName("receivedAt")] string ReceivedAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("attachment")] int Attachment);
}
