using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// One attempt at a flow in the system, shared by the note writer and the person creator: a browser context of its
/// own (traced), signed in and on the search page, then the flow. On failure the page's screenshot and the attempt's
/// trace go to the blob store and travel with the exception; the log names the step, the reference and the fault only.
/// </summary>
internal sealed class CaseManagementAttempt
{
    private readonly CaseManagementBrowser _browser;
    private readonly IBlobStore _blobs;
    private readonly CaseManagementOptions _options;
    private readonly ILogger _logger;
    private readonly Func<string, string?> _environment;

    public CaseManagementAttempt(
        CaseManagementBrowser browser, IBlobStore blobs, IOptions<CaseManagementOptions> options, ILogger logger, Func<string, string?> environment)
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

    /// <summary>The connector's settings.</summary>
    public CaseManagementOptions Options => _options;

    /// <summary>Runs <paramref name="flow"/>; <paramref name="step"/> names the artefacts and log lines (e.g. <c>case-note</c>).</summary>
    public async Task<T> RunAsync<T>(string step, string reference, Func<CaseManagementPages, Task<T>> flow, CancellationToken cancellationToken)
    {
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
                _logger.LogInformation("Signed in to the case-management system for {Step} {Reference}", step, reference);
            }

            var result = await flow(pages);
            if (_options.CaptureTrace)
            {
                // Stopping without a path throws the trace away: it is kept only for a failure.
                await context.Tracing.StopAsync();
            }

            return result;
        }
        catch (Exception exception) when (exception is CaseManagementException or PlaywrightException or TimeoutException)
        {
            var artefacts = await KeepArtefactsAsync(page, context, step, reference);
            var fault = exception as CaseManagementException ?? new CaseManagementException(
                exception is TimeoutException ? CaseManagementFault.Timeout : CaseManagementFault.Unavailable,
                exception is TimeoutException
                    ? $"A page of the case-management system took longer than allowed (CaseManagement:NavigationTimeout {_options.NavigationTimeout}, ActionTimeout {_options.ActionTimeout})."
                    : "The browser could not reach or drive the case-management system.",
                exception);

            // The message names pages, elements and statuses only; the artefacts (which show the person) are not logged.
            _logger.LogWarning(
                "{Step} {Reference} failed ({Fault}, transient: {Transient}); {ArtefactCount} artefact(s) kept",
                step, reference, fault.Fault, fault.IsTransient, artefacts.Count);
            throw fault.WithArtefacts(artefacts);
        }
    }

    // Best effort: a dead browser leaves nothing to capture, and that must not hide the fault itself.
    private async Task<IReadOnlyList<AttachmentRef>> KeepArtefactsAsync(IPage page, IBrowserContext context, string step, string reference)
    {
        var artefacts = new List<AttachmentRef>();
        var safe = string.Concat(reference.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        try
        {
            var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
            await using var stream = new MemoryStream(png);
            artefacts.Add(await _blobs.PutAsync($"{step}-{safe}.png", "image/png", stream, CancellationToken.None));
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            _logger.LogWarning(exception, "No screenshot of failed {Step} {Reference}", step, reference);
        }

        if (!_options.CaptureTrace)
        {
            return artefacts;
        }

        var path = Path.Combine(Path.GetTempPath(), $"{step}-trace-{Guid.NewGuid():N}.zip");
        try
        {
            await context.Tracing.StopAsync(new TracingStopOptions { Path = path });
            await using var stream = File.OpenRead(path);
            artefacts.Add(await _blobs.PutAsync($"{step}-{safe}-trace.zip", "application/zip", stream, CancellationToken.None));
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            _logger.LogWarning(exception, "No trace of failed {Step} {Reference}", step, reference);
        }
        finally
        {
            File.Delete(path);
        }

        return artefacts;
    }
}
