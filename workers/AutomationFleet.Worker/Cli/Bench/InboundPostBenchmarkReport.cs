namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>What one inbound-post benchmark measured, and whether every item settled as it should.</summary>
/// <param name="Files">Distinct scan files.</param>
/// <param name="Copies">Times each file was enqueued, each under its own reference.</param>
/// <param name="Items">Items enqueued onto <c>inbound-post</c>.</param>
/// <param name="Consumers">The host's consumer loops on <c>inbound-post</c>.</param>
/// <param name="OcrEngines">Tesseract engines in the host's pool (<c>Ocr:MaxEngines</c>).</param>
/// <param name="ProcessorCount">Logical processors of this machine.</param>
/// <param name="LoadAverageAtStart">The 1, 5 and 15 minute load averages when the run started (Linux), else null.</param>
/// <param name="LoadAverageAtEnd">The same when it ended.</param>
/// <param name="TesseractVersion">The first line of <c>tesseract --version</c>.</param>
/// <param name="Bot">The items through the real host, end to end.</param>
/// <param name="TesseractSingleThread">The <c>tesseract</c> command page by page with <c>OMP_THREAD_LIMIT=1</c>.</param>
/// <param name="TesseractDefaultThreads">The same with OpenMP's default threads.</param>
/// <param name="SpeedupOverSingleThread">Bot pages/s over the single-thread command's pages/s.</param>
/// <param name="SpeedupOverDefaultThreads">Bot pages/s over the default-thread command's pages/s.</param>
/// <param name="Classification">The classifier's rate on text already extracted.</param>
/// <param name="Problems">Every verification failure, in words; empty when every item ended Completed or NeedsReview.</param>
public sealed record InboundPostBenchmarkReport(
    int Files,
    int Copies,
    int Items,
    int Consumers,
    int OcrEngines,
    int ProcessorCount,
    string? LoadAverageAtStart,
    string? LoadAverageAtEnd,
    string TesseractVersion,
    BotRunReport Bot,
    CommandRunReport TesseractSingleThread,
    CommandRunReport TesseractDefaultThreads,
    double SpeedupOverSingleThread,
    double SpeedupOverDefaultThreads,
    ClassificationRunReport Classification,
    IReadOnlyList<string> Problems)
{
    public bool Verified => Problems.Count == 0;
}
