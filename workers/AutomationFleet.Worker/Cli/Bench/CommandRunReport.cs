namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>The <c>tesseract</c> command over the same pages, one process per page: one after another, or several at once.</summary>
/// <param name="Mode">How OpenMP threads were set.</param>
/// <param name="Pages">Pages read (the same files and copies as the bot's).</param>
/// <param name="Seconds">Wall time for all of them.</param>
/// <param name="PagesPerSecond"><paramref name="Pages"/> over <paramref name="Seconds"/>.</param>
public sealed record CommandRunReport(string Mode, int Pages, double Seconds, double PagesPerSecond);
