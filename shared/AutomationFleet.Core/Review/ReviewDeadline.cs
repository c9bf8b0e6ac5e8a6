namespace AutomationFleet.Core.Review;

/// <summary>An open review task and when its item is due: what the SLA sweep looks at.</summary>
/// <param name="ItemId">The work item.</param>
/// <param name="Reference">The item's reference.</param>
/// <param name="Queue">The item's queue.</param>
/// <param name="DueAt">The item's SLA deadline.</param>
public sealed record ReviewDeadline(long ItemId, string Reference, string Queue, DateTimeOffset DueAt);
