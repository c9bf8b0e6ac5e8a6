using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// Writes case notes through the system's web pages with the worker's one browser. Exactly once: the note carries
/// its reference line and the record is searched for that line before anything is written, so an attempt after a
/// crash, a timeout or a lost answer finds the first note and writes nothing. On failure the page's screenshot and
/// the attempt's Playwright trace go to the blob store and travel with the exception.
/// </summary>
public sealed class CaseNoteWriter : ICaseNoteWriter
{
    private readonly CaseManagementBrowser _browser;
    private readonly IBlobStore _blobs;
    private readonly CaseManagementOptions _options;
    private readonly ILogger<CaseNoteWriter> _logger;
    private readonly Func<string, string?> _environment;

    /// <summary>Creates the writer; credentials are read from the environment or secret files at each sign-in.</summary>
    public CaseNoteWriter(CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger<CaseNoteWriter> logger)
        : this(browser, blobs, options, logger, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the writer reading credentials through <paramref name="environment"/> (tests).</summary>
    public CaseNoteWriter(
        CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger<CaseNoteWriter> logger, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(environment);
        _browser = browser;
        _blobs = blobs;
        _options = options.Value;
        _logger = logger;
        _environment = environment;
    }

    /// <inheritdoc />
    public async Task<CaseNoteResult> WriteAsync(string caseRecordId, string reference, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseRecordId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (reference.Contains('\n', StringComparison.Ordinal) || reference.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A reference is one line.", nameof(reference));
        }

        var referenceLine = CaseNoteText.ReferenceLine(_options.ReferenceLine, reference);
        var note = CaseNoteText.Compose(text, referenceLine);
        if (note.Length > _options.MaxNoteLength)
        {
            throw new ArgumentException(
                $"The note is {note.Length} characters with its reference line; the system takes at most {_options.MaxNoteLength} (CaseManagement:MaxNoteLength).",
                nameof(text));
        }

        if (!_options.Enabled)
        {
            throw new CaseManagementException(CaseManagementFault.Refused, "The case-management connector is off; set CaseManagement:Enabled to true.");
        }

        var credentials = CaseManagementCredentials.Read(_options, _environment);
        await using var context = await _browser.NewContextAsync(cancellationToken);
        if (_options.CaptureTrace)
        {
            await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        }

        var page = await context.NewPageAsync();
        var pages = new CaseManagementPages(page, _options);
        try
        {
            await pages.OpenSearchAsync(credentials, cancellationToken);
            if (pages.SignIns > 0)
            {
                await _browser.RememberSessionAsync(context);
                _logger.LogInformation("Signed in to the case-management system for note {Reference}", reference);
            }

            await pages.OpenPersonAsync(caseRecordId, cancellationToken);
            if (CaseNoteText.AnyCarries(await pages.ReadNotesAsync(), referenceLine))
            {
                _logger.LogInformation("Case note {Reference} is already on record {CaseRecordId}; nothing written", reference, caseRecordId);
                return await DoneAsync(context, new CaseNoteResult(CaseNoteStatus.AlreadyThere, caseRecordId, reference));
            }

            await pages.AddNoteAsync(caseRecordId, note, cancellationToken);
            if (!CaseNoteText.AnyCarries(await pages.ReadNotesAsync(), referenceLine))
            {
                throw new CaseManagementException(CaseManagementFault.NotReadBack, "The note was saved but is not on the record when read back.");
            }

            _logger.LogInformation("Case note {Reference} written on record {CaseRecordId}", reference, caseRecordId);
            return await DoneAsync(context, new CaseNoteResult(CaseNoteStatus.Written, caseRecordId, reference));
        }
        catch (Exception exception) when (exception is CaseManagementException or PlaywrightException or TimeoutException)
        {
            var artefacts = await KeepArtefactsAsync(page, context, reference);
            var fault = exception as CaseManagementException ?? new CaseManagementException(
                exception is TimeoutException ? CaseManagementFault.Timeout : CaseManagementFault.Unavailable,
                exception is TimeoutException
                    ? $"A page of the case-management system took longer than allowed (CaseManagement:NavigationTimeout {_options.NavigationTimeout}, ActionTimeout {_options.ActionTimeout})."
                    : "The browser could not reach or drive the case-management system.",
                exception);

            // The message names pages, elements and statuses only; the artefacts (which show the person) are not logged.
            _logger.LogWarning(
                "Case note {Reference} failed ({Fault}, transient: {Transient}); {ArtefactCount} artefact(s) kept",
                reference, fault.Fault, fault.IsTransient, artefacts.Count);
            throw fault.WithArtefacts(artefacts);
        }
    }

    private async Task<CaseNoteResult> DoneAsync(IBrowserContext context, CaseNoteResult result)
    {
        if (_options.CaptureTrace)
        {
            // Stopping without a path throws the trace away: it is kept only for a failure.
            await context.Tracing.StopAsync();
        }

        return result;
    }

    // Best effort: a dead browser leaves nothing to capture, and that must not hide the fault itself.
    private async Task<IReadOnlyList<AttachmentRef>> KeepArtefactsAsync(IPage page, IBrowserContext context, string reference)
    {
        var artefacts = new List<AttachmentRef>();
        var safe = string.Concat(reference.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        try
        {
            var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
            await using var stream = new MemoryStream(png);
            artefacts.Add(await _blobs.PutAsync($"case-note-{safe}.png", "image/png", stream, CancellationToken.None));
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            _logger.LogWarning(exception, "No screenshot of failed case note {Reference}", reference);
        }

        if (!_options.CaptureTrace)
        {
            return artefacts;
        }

        var path = Path.Combine(Path.GetTempPath(), $"case-note-trace-{Guid.NewGuid():N}.zip");
        try
        {
            await context.Tracing.StopAsync(new TracingStopOptions { Path = path });
            await using var stream = File.OpenRead(path);
            artefacts.Add(await _blobs.PutAsync($"case-note-{safe}-trace.zip", "application/zip", stream, CancellationToken.None));
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            _logger.LogWarning(exception, "No trace of failed case note {Reference}", reference);
        }
        finally
        {
            File.Delete(path);
        }

        return artefacts;
    }
}
