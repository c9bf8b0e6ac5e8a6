using Microsoft.Extensions.Hosting;

namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// Starts the OCR engines with the host, as the classifier is loaded with it, so the first scans do not each wait for
/// a language model to load (measured in <c>fleet bench inbound-post</c>: "engine start" in the split). A missing
/// language then stops start-up with the message that names the Debian package, rather than failing the first scan.
/// </summary>
internal sealed class OcrEngineStarter(OcrEnginePool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => pool.StartEnginesAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
