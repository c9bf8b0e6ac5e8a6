using AutomationFleet.Core.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// Writes case notes through the system's web pages with the worker's one browser. Exactly once: the note carries
/// its reference line and the record is searched for that line before anything is written, so an attempt after a
/// crash, a timeout or a lost answer finds the first note and writes nothing. On failure the page's screenshot and
/// the attempt's Playwright trace go to the blob store and travel with the exception.
/// </summary>
public sealed class CaseNoteWriter : ICaseNoteWriter
{
    private readonly CaseManagementOptions _options;
    private readonly ILogger<CaseNoteWriter> _logger;
    private readonly CaseManagementAttempt _attempt;

    /// <summary>Creates the writer; credentials are read from the environment or secret files at each sign-in.</summary>
    public CaseNoteWriter(CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger<CaseNoteWriter> logger)
        : this(browser, blobs, options, logger, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the writer reading credentials through <paramref name="environment"/> (tests).</summary>
    public CaseNoteWriter(
        CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger<CaseNoteWriter> logger, Func<string, string?> environment)
    {
        _attempt = new CaseManagementAttempt(browser, blobs, options, logger, environment);
        _options = _attempt.Options;
        _logger = logger;
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

        return await _attempt.RunAsync(
            "case-note",
            reference,
            async pages =>
            {
                await pages.OpenPersonAsync(caseRecordId, cancellationToken);
                if (CaseNoteText.AnyCarries(await pages.ReadNotesAsync(), referenceLine))
                {
                    _logger.LogInformation("Case note {Reference} is already on record {CaseRecordId}; nothing written", reference, caseRecordId);
                    return new CaseNoteResult(CaseNoteStatus.AlreadyThere, caseRecordId, reference);
                }

                await pages.AddNoteAsync(caseRecordId, note, cancellationToken);
                if (!CaseNoteText.AnyCarries(await pages.ReadNotesAsync(), referenceLine))
                {
                    throw new CaseManagementException(CaseManagementFault.NotReadBack, "The note was saved but is not on the record when read back.");
                }

                _logger.LogInformation("Case note {Reference} written on record {CaseRecordId}", reference, caseRecordId);
                return new CaseNoteResult(CaseNoteStatus.Written, caseRecordId, reference);
            },
            cancellationToken);
    }
}
