namespace AutomationFleet.Core.WorkItems;

/// <summary>One unit of work as the store holds it. Times are the store's clock, in UTC.</summary>
/// <param name="Id">Store-assigned identity.</param>
/// <param name="Queue">The queue the item waits in (one bot consumes one queue).</param>
/// <param name="Reference">Unique reference; enqueueing it again is a no-op.</param>
/// <param name="PayloadJson">The item's input as JSON.</param>
/// <param name="Attachments">Files stored once by content hash in the blob store.</param>
/// <param name="Priority">Higher is taken first.</param>
/// <param name="DueAt">The SLA deadline, if any; earlier is taken first within a priority.</param>
/// <param name="State">Where the item is in its life.</param>
/// <param name="Attempts">How many times a worker has taken the item.</param>
/// <param name="LeaseOwner">The worker holding the lease, while InProgress.</param>
/// <param name="LeaseExpiresAt">When the lease lapses unless renewed.</param>
/// <param name="NextAttemptAt">When a Retrying item may be taken again.</param>
/// <param name="OutcomeJson">The decided outcome (from the bot or a reviewer), once there is one.</param>
/// <param name="Confidence">The bot's confidence in its outcome.</param>
/// <param name="OutcomeDecidedBy">Who decided the outcome: a bot name or <c>reviewer:NAME</c>.</param>
/// <param name="LastError">The last fault or business reason recorded.</param>
/// <param name="CreatedAt">When the item was enqueued.</param>
/// <param name="UpdatedAt">When the item last changed.</param>
public sealed record WorkItem(
    long Id,
    string Queue,
    string Reference,
    string PayloadJson,
    IReadOnlyList<AttachmentRef> Attachments,
    int Priority,
    DateTimeOffset? DueAt,
    WorkItemState State,
    int Attempts,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? NextAttemptAt,
    string? OutcomeJson,
    double? Confidence,
    string? OutcomeDecidedBy,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
