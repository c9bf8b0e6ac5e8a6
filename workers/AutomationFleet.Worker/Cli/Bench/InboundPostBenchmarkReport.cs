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
/// <param name="TesseractParallel">
/// The fair peer: single-thread <c>tesseract</c> processes, as many at once as the bot reads pages at once (its consumers, at most its engines), each taking the
/// next page (<c>ls pages | OMP_THREAD_LIMIT=1 xargs -P2 -I{} tesseract {} -</c>).
/// </param>
/// <param name="TesseractDefaultThreads">The command page by page with OpenMP's default threads.</param>
/// <param name="SpeedupOverSingleThread">Bot pages/s over the single-thread command's pages/s.</param>
/// <param name="SpeedupOverParallel">Bot pages/s over the parallel command's pages/s: at least 1 means the bot keeps up with the fair peer.</param>
/// <param name="SpeedupOverDefaultThreads">Bot pages/s over the default-thread command's pages/s.</param>
/// <param name="Stages">Where the bot's time went during its timed run, stage by stage.</param>
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
    CommandRunReport TesseractParallel,
    CommandRunReport TesseractDefaultThreads,
    double SpeedupOverSingleThread,
    double SpeedupOverParallel,
    double SpeedupOverDefaultThreads,
    IReadOnlyList<StageTimingReport> Stages,
    ClassificationRunReport Classification,
    IReadOnlyList<string> Problems)
{
    public bool Verified => Problems.Count == 0;
}
