namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>The bot's part: from the first enqueue (after the warm-up, if any) until every item had settled.</summary>
/// <param name="Pages">Pages the bot read, summed from each item's outcome or review evidence.</param>
/// <param name="OcrPages">Of those, pages read by Tesseract.</param>
/// <param name="Seconds">Wall time from the first enqueue until the last item settled (by the store's audit trail).</param>
/// <param name="CpuSeconds">
/// Processor time of the whole benchmark process (host, bot, engines, this benchmark's polling) over the same span:
/// what the bot spent, against <paramref name="Seconds"/> times the cores it could use.
/// </param>
/// <param name="PagesPerSecond"><paramref name="Pages"/> over <paramref name="Seconds"/>.</param>
/// <param name="Completed">Items that ended Completed (routed).</param>
/// <param name="NeedsReview">Items that ended NeedsReview (with a person).</param>
/// <param name="Lost">Items missing, or in any other state at the end.</param>
public sealed record BotRunReport(
    int Pages, int OcrPages, double Seconds, double CpuSeconds, double PagesPerSecond, int Completed, int NeedsReview, int Lost)
{
    /// <summary>The warm-up item(s) before the timed run, from enqueue until settled; 0 when there was none (<c>--cold</c>).</summary>
    public double WarmUpSeconds { get; init; }
}
