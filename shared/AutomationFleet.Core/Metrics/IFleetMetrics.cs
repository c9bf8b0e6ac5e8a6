namespace AutomationFleet.Core.Metrics;

/// <summary>
/// Read-only fleet figures for the admin dashboard and the metrics endpoint. Implemented by the store;
/// every query reads committed data and never writes. Depth per queue and state is
/// <see cref="WorkItems.IWorkQueue.GetDepthAsync"/> and workers are <see cref="Workers.IWorkerRegistry.ListAsync"/>.
/// </summary>
public interface IFleetMetrics
{
    /// <summary>Items that reached Completed per clock hour (UTC), oldest hour first, over <paramref name="window"/> up to now.
    /// Hours with none are included with a zero count.</summary>
    /// <param name="window">How far back to look, e.g. 24 hours.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<HourlyCount>> GetCompletedPerHourAsync(TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// Per bot and category, the items completed within <paramref name="window"/>: straight through (never in review)
    /// or via review (a review task was opened for the item). Ordered by bot, then category.
    /// </summary>
    /// <param name="window">How far back to look, e.g. 24 hours or 7 days.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<StraightThroughRate>> GetStraightThroughAsync(TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The open review tasks by SLA: overdue, due within <paramref name="dueSoon"/>, later, and without a due date.</summary>
    /// <param name="dueSoon">What counts as "due soon", e.g. 4 hours.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ReviewBacklog> GetReviewBacklogAsync(TimeSpan dueSoon, CancellationToken cancellationToken);

    /// <summary>The bots and categories that have decided review tasks, with how many: the choices for a threshold curve.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ReviewedCategory>> GetReviewedCategoriesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The bot's confidence on each decided review task of one bot and category, and whether the reviewer agreed:
    /// approved means agreed, corrected means not. Rejected, escalated, cancelled and open tasks are left out
    /// (they say nothing about whether the proposal was right).
    /// </summary>
    /// <param name="bot">The bot's name.</param>
    /// <param name="category">The proposed category; null for proposals without one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<ConfidenceSample>> GetReviewedSamplesAsync(string bot, string? category, CancellationToken cancellationToken);
}
