namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>The shape of one inbound-post benchmark run.</summary>
/// <param name="Pages">The scan files (TIFF, PNG, JPEG), one page each as far as the comparison is concerned.</param>
/// <param name="Copies">How many times each file is enqueued, each time under its own reference.</param>
/// <param name="Consumers">The host's consumer loops on queue <c>inbound-post</c> (<c>Queues:inbound-post:Concurrency</c>).</param>
/// <param name="ClassificationDocuments">At least this many documents are classified for the classification rate.</param>
/// <param name="StallTimeout">Give up waiting for the bot when no item has settled for this long.</param>
/// <param name="WarmUp">
/// Before the timer starts, run one item per consumer (the smallest page) through the started host and wait until the
/// process is quiet (at most 15 s), as the classification timing warms up on its texts: the first items of a fresh
/// process pay for JIT compilation, which a running fleet has paid long before and the native <c>tesseract</c> command
/// never pays. False times a cold host.
/// </param>
public sealed record InboundPostBenchmarkSettings(
    IReadOnlyList<string> Pages, int Copies, int Consumers, int ClassificationDocuments, TimeSpan StallTimeout, bool WarmUp = true)
{

    /// <summary>Extensions the benchmark takes: scans the bot OCRs and the <c>tesseract</c> command reads too.</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>([".tif", ".tiff", ".png", ".jpg", ".jpeg"], StringComparer.OrdinalIgnoreCase);

    public int Items => Pages.Count * Copies;

    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (Pages.Count == 0)
        {
            failures.Add("No scan pages (.tif, .tiff, .png, .jpg, .jpeg) to read.");
        }

        if (Copies < 1)
        {
            failures.Add("--copies must be at least 1.");
        }

        if (Consumers is < 1 or > 64)
        {
            failures.Add("--consumers must be between 1 and 64.");
        }

        if (ClassificationDocuments < 1)
        {
            failures.Add("The classification run needs at least 1 document.");
        }

        return failures;
    }
}
