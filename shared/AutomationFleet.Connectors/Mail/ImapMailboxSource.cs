using System.Text;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.WorkItems;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// Polls an IMAP folder and turns each message into a work item: the raw message, its PDF and image
/// attachments and its text body go to the blob store, the item is enqueued under the reference
/// <c>imap:{user@host/folder}:{Message-ID}</c> (SHA-256 of the raw message when there is no Message-ID),
/// and only after the enqueue has returned is the message moved to the processed folder. A crash in
/// between leaves the message where it was; the next poll finds its item already enqueued and only
/// moves it — nothing lost, nothing enqueued twice.
/// </summary>
/// <remarks>
/// Each poll runs under the fleet's named pipeline <see cref="FleetPipelines.Imap"/> (transient faults as
/// <see cref="MailFaults.IsTransient"/> says); a mailbox outage (refused connection, failed
/// login, connection dropped mid-fetch) is logged and retried with back-off, and never stops the service.
/// A message over <see cref="ImapMailboxOptions.MaxMessageBytes"/> is not downloaded: an item saying so
/// (headers only) is enqueued and the message is moved to the quarantine folder for a person.
/// </remarks>
public sealed partial class ImapMailboxSource : BackgroundService
{
    /// <summary>The actor written to the audit trail for items this source enqueues.</summary>
    public const string Actor = "imap";

    private const string OriginalMediaType = "message/rfc822";

    private readonly ImapMailboxOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly IWorkQueue _queue;
    private readonly IBlobStore _blobs;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ImapMailboxSource> _logger;

    /// <summary>Creates the source; nothing connects until it runs or <see cref="PollOnceAsync"/> is called.</summary>
    public ImapMailboxSource(
        IOptions<ImapMailboxOptions> options,
        ResiliencePipelineProvider<string> pipelines,
        IWorkQueue queue,
        IBlobStore blobs,
        TimeProvider timeProvider,
        ILogger<ImapMailboxSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _pipeline = pipelines.GetPipeline(FleetPipelines.Imap);
        _queue = queue;
        _blobs = blobs;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Polls the mailbox once under the resilience pipeline: every message in the watched folder is
    /// enqueued (or found already enqueued) and then moved. Throws when the mailbox stays unreachable
    /// after the retries, or when the circuit is open (<see cref="BrokenCircuitException"/>).
    /// </summary>
    public async Task<ImapPollResult> PollOnceAsync(CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static (source, token) => new ValueTask<ImapPollResult>(source.PollCoreAsync(token)), this, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            _logger.LogInformation("IMAP mailbox source is disabled ({Setting} is false)", $"{ImapMailboxOptions.SectionName}:Enabled");
            return;
        }

        _logger.LogInformation(
            "IMAP mailbox source polling {Mailbox} every {PollInterval} into queue {Queue}",
            _options.MailboxIdentity,
            _options.PollInterval,
            _options.Queue);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await PollOnceAsync(stoppingToken);
                if (result.Seen > 0)
                {
                    _logger.LogInformation(
                        "Polled {Mailbox}: {Seen} messages, {Enqueued} enqueued, {AlreadyEnqueued} already enqueued, {Quarantined} quarantined",
                        _options.MailboxIdentity,
                        result.Seen,
                        result.Enqueued,
                        result.AlreadyEnqueued,
                        result.Quarantined);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (BrokenCircuitException)
            {
                _logger.LogWarning("Mailbox {Mailbox} is failing; circuit open, poll skipped", _options.MailboxIdentity);
            }
            catch (Exception exception) when (MailFaults.IsTransient(exception) || exception is Polly.Timeout.TimeoutRejectedException)
            {
                _logger.LogWarning(
                    exception,
                    "Mailbox {Mailbox} unreachable after retries ({Error}); polling again in {PollInterval}",
                    _options.MailboxIdentity,
                    exception.GetType().Name,
                    _options.PollInterval);
            }
#pragma warning disable CA1031 // The poll loop must survive any fault (a bug, a full disk, a store outage); the message stays in the mailbox and the next poll tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.LogError(exception, "Poll of mailbox {Mailbox} failed; polling again in {PollInterval}", _options.MailboxIdentity, _options.PollInterval);
            }

            try
            {
                await Task.Delay(_options.PollInterval, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<ImapPollResult> PollCoreAsync(CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = MailConnection.MillisecondsOf(_options.CommandTimeout) };
        await client.ConnectAsync(
            _options.Host, _options.EffectivePort, MailConnection.ToSocketOptions(_options.Security), cancellationToken);
        await client.AuthenticateAsync(_options.Username, _options.Password, cancellationToken);
        var watched = string.Equals(_options.Mailbox, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(_options.Mailbox, cancellationToken);
        await watched.OpenAsync(FolderAccess.ReadWrite, cancellationToken);

        var uids = await watched.SearchAsync(SearchQuery.All, cancellationToken);
        int enqueued = 0, already = 0, quarantined = 0;
        if (uids.Count > 0)
        {
            var summaries = await watched.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken);
            IMailFolder? processed = null;
            IMailFolder? quarantine = null;
            foreach (var summary in summaries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool created;
                if (summary.Size is { } size && size > _options.MaxMessageBytes)
                {
                    quarantine ??= await GetOrCreateFolderAsync(client, _options.QuarantineFolder, cancellationToken);
                    created = await QuarantineAsync(watched, summary.UniqueId, size, quarantine, cancellationToken);
                    quarantined++;
                }
                else
                {
                    processed ??= await GetOrCreateFolderAsync(client, _options.ProcessedFolder, cancellationToken);
                    created = await IngestAsync(watched, summary.UniqueId, processed, cancellationToken);
                }

                if (created)
                {
                    enqueued++;
                }
                else
                {
                    already++;
                }
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return new ImapPollResult(uids.Count, enqueued, already, quarantined);
    }

    private async Task<bool> IngestAsync(IMailFolder watched, UniqueId uid, IMailFolder processed, CancellationToken cancellationToken)
    {
        byte[] raw;
        await using (var stream = await watched.GetStreamAsync(uid, cancellationToken))
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            raw = buffer.ToArray();
        }

        var rawHash = InboundMailReader.Sha256Hex(raw);
        var mail = InboundMailReader.Read(raw);
        var created = await EnqueueOnceAsync(
            mail.MessageId,
            rawHash,
            async token =>
            {
                var parts = new List<InboundMailPart>();
                using (var content = new MemoryStream(raw, writable: false))
                {
                    parts.Add(await PutAsync(InboundMailPart.OriginalRole, "message.eml", OriginalMediaType, content, token));
                }

                foreach (var file in mail.Files)
                {
                    using var content = new MemoryStream(file.Content, writable: false);
                    parts.Add(await PutAsync(file.Role, file.Name, file.MediaType, content, token));
                }

                return Payload(mail, raw.Length, _options.ProcessedFolder, parts, mail.Problems);
            },
            cancellationToken);

        // Only now, with the item durably enqueued, may the message leave the watched folder.
        await watched.MoveToAsync(uid, processed, cancellationToken);
        return created;
    }

    private async Task<bool> QuarantineAsync(
        IMailFolder watched, UniqueId uid, uint size, IMailFolder quarantine, CancellationToken cancellationToken)
    {
        var headers = await watched.GetHeadersAsync(uid, cancellationToken);
        byte[] headerBytes;
        using (var buffer = new MemoryStream())
        {
            await headers.WriteToAsync(buffer, cancellationToken);
            buffer.Write("\r\n"u8);
            headerBytes = buffer.ToArray();
        }

        var mail = InboundMailReader.Read(headerBytes);
        var problem =
            $"The message is {size} bytes, over {ImapMailboxOptions.SectionName}:MaxMessageBytes ({_options.MaxMessageBytes}); "
            + $"it was not downloaded and is in the IMAP folder '{_options.QuarantineFolder}'.";
        var created = await EnqueueOnceAsync(
            mail.MessageId,
            InboundMailReader.Sha256Hex(headerBytes),
            _ => Task.FromResult(Payload(mail, size, _options.QuarantineFolder, [], [problem])),
            cancellationToken);
        await watched.MoveToAsync(uid, quarantine, cancellationToken);
        _logger.LogWarning("Message over the size limit quarantined in {Mailbox} ({Size} bytes)", _options.MailboxIdentity, size);
        return created;
    }

    private async Task<bool> EnqueueOnceAsync(
        string? messageId, string contentHash, Func<CancellationToken, Task<InboundMailPayload>> build, CancellationToken cancellationToken)
    {
        var reference = messageId is null
            ? $"imap:{_options.MailboxIdentity}:sha256:{contentHash}"
            : $"imap:{_options.MailboxIdentity}:{messageId}";
        var existing = await _queue.FindAsync(reference, cancellationToken);
        if (existing is not null && !HoldsOriginal(existing, contentHash))
        {
            // Another message already came with this Message-ID (a sender's bug or a forgery); it must
            // not swallow this one, so this one gets a reference of its own.
            _logger.LogWarning("Message-ID of {Reference} reused by a different message; enqueuing it under its content hash", reference);
            reference = $"{reference}:sha256:{contentHash}";
            existing = await _queue.FindAsync(reference, cancellationToken);
        }

        if (existing is not null)
        {
            _logger.LogInformation("Message {Reference} already enqueued as item {ItemId}; moving it", reference, existing.Id);
            return false;
        }

        var payload = await build(cancellationToken);
        var attachments = payload.Parts.Select(part => new AttachmentRef(part.Name, part.MediaType, part.ContentHash, part.Length)).ToList();
        var result = await _queue.EnqueueAsync(
            new NewWorkItem(_options.Queue, reference, payload.ToJson(), attachments), Actor, cancellationToken);
        MessageEnqueued(_logger, reference, payload.From, result.Item.Id, attachments.Count, payload.Problems.Count);
        return result.Created;
    }

    private static bool HoldsOriginal(WorkItem item, string contentHash)
    {
        var original = item.Attachments.FirstOrDefault(attachment => attachment.MediaType == OriginalMediaType);

        // A quarantined item holds no original to compare; its reference is trusted.
        return original is null || original.ContentHash == contentHash;
    }

    private async Task<InboundMailPart> PutAsync(string role, string name, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        var stored = await _blobs.PutAsync(name, mediaType, content, cancellationToken);
        return new InboundMailPart(role, stored.Name, stored.MediaType, stored.ContentHash, stored.Length);
    }

    private InboundMailPayload Payload(
        InboundMail mail, long size, string folder, IReadOnlyList<InboundMailPart> parts, IReadOnlyList<string> problems) =>
        new(
            Source: "imap",
            Mailbox: _options.MailboxIdentity,
            MessageId: mail.MessageId,
            From: mail.From,
            FromHash: mail.From is null ? null : InboundMailReader.Sha256Hex(Encoding.UTF8.GetBytes(mail.From.ToLowerInvariant())),
            ReplyTo: mail.ReplyTo,
            Subject: mail.Subject,
            Date: mail.Date,
            Size: size,
            Folder: folder,
            Parts: parts,
            Problems: problems);

    private async Task<IMailFolder> GetOrCreateFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            try
            {
                var folder = await root.CreateAsync(name, isMessageFolder: true, cancellationToken);
                _logger.LogInformation("Created folder {Folder} in {Mailbox}", name, _options.MailboxIdentity);
                return folder ?? await client.GetFolderAsync(name, cancellationToken);
            }
            catch (ImapCommandException)
            {
                // Another worker created it in the meantime.
                return await client.GetFolderAsync(name, cancellationToken);
            }
        }
    }

    // The sender is what a person reading this line would want, and it is personal data: classified, so the host's
    // redactor (FleetLogging.AddFleetLogging) erases it before any sink; only the reference and counts are kept.
    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Message {Reference} from {Sender} enqueued as item {ItemId} with {AttachmentCount} attachments and {ProblemCount} problems")]
    private static partial void MessageEnqueued(
        ILogger logger, string reference, [PersonalData] string? sender, long itemId, int attachmentCount, int problemCount);
}
