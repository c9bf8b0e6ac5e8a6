namespace AutomationFleet.Core.WorkItems;

/// <summary>How many items a queue holds in one state.</summary>
/// <param name="Queue">Queue name.</param>
/// <param name="State">State.</param>
/// <param name="Count">Number of items.</param>
/// <param name="OldestCreatedAt">Creation time of the oldest of them.</param>
public sealed record QueueDepth(string Queue, WorkItemState State, int Count, DateTimeOffset OldestCreatedAt);
