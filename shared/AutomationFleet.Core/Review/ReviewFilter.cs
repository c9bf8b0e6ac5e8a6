namespace AutomationFleet.Core.Review;

/// <summary>Which review tasks to list or claim; null fields match everything.</summary>
/// <param name="Bot">Only this bot's proposals.</param>
/// <param name="Category">Only this proposed category.</param>
/// <param name="Queues">Only these queues (a reviewer's grants).</param>
/// <param name="Limit">At most this many.</param>
public sealed record ReviewFilter(
    string? Bot = null, string? Category = null, IReadOnlyCollection<string>? Queues = null, int Limit = 100);
