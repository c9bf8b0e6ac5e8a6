namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>One stage of the bot's work, added up over the timed run (wall time per call, so waits count).</summary>
/// <param name="Meter">Where it was measured: the runner, the bot or the OCR library.</param>
/// <param name="Stage">The stage's name.</param>
/// <param name="Depth">0 for the runner's stages; 1 inside the bot's decide; 2 inside "read document"; 3 inside the sandbox child.</param>
/// <param name="Count">Times the stage ran (per item, per attachment or per page, as the stage is).</param>
/// <param name="Seconds">Their sum. With two consumers two stages run at once, so sums can exceed the run's wall time.</param>
/// <param name="MeanMilliseconds"><paramref name="Seconds"/> per run of the stage.</param>
public sealed record StageTimingReport(string Meter, string Stage, int Depth, int Count, double Seconds, double MeanMilliseconds);
