namespace AutomationFleet.Core.Review;

/// <summary>Which review tasks to list, count or claim; null fields match everything.</summary>
/// <param name="Bot">Only this bot's proposals.</param>
/// <param name="Category">Only this proposed category.</param>
/// <param name="Queues">
/// A reviewer's granted queues. With <see cref="Services"/>, a task matches when its queue is granted OR its service
/// is; when both are null every task matches (supervisors and administrators).
/// </param>
/// <param name="Limit">At most this many (ignored by counts).</param>
public sealed record ReviewFilter(
    string? Bot = null, string? Category = null, IReadOnlyCollection<string>? Queues = null, int Limit = 100)
{
    /// <summary>Only this service.</summary>
    public string? Service { get; init; }

    /// <summary>A reviewer's granted services (see <see cref="Queues"/>); null grants none by service.</summary>
    public IReadOnlyCollection<string>? Services { get; init; }

    /// <summary>Only escalated tasks (true), only tasks not escalated (false), or both (null).</summary>
    public bool? Escalated { get; init; }

    /// <summary>Whether the filter grants some queues or services (a reviewer's scope) rather than everything.</summary>
    public bool IsScoped => Queues is not null || Services is not null;

    /// <summary>A scoped filter with no queue and no service granted matches nothing.</summary>
    public bool GrantsNothing => IsScoped && (Queues?.Count ?? 0) + (Services?.Count ?? 0) == 0;
}
