namespace AutomationFleet.Core.Review;

/// <summary>An item waiting for a person, with what they need to decide.</summary>
/// <param name="ItemId">The work item.</param>
/// <param name="Reference">The item's reference.</param>
/// <param name="Queue">The item's queue.</param>
/// <param name="Request">The bot's proposal, evidence and reasons.</param>
/// <param name="Escalated">Escalated to a supervisor.</param>
/// <param name="ClaimedBy">The reviewer holding the claim, if the claim has not expired.</param>
/// <param name="ClaimExpiresAt">When that claim lapses.</param>
/// <param name="DueAt">The item's SLA deadline.</param>
/// <param name="CreatedAt">When the item entered review.</param>
public sealed record ReviewTask(
    long ItemId,
    string Reference,
    string Queue,
    ReviewRequest Request,
    bool Escalated,
    string? ClaimedBy,
    DateTimeOffset? ClaimExpiresAt,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt);
