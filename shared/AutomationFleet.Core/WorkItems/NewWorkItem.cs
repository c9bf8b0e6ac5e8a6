namespace AutomationFleet.Core.WorkItems;

/// <summary>What a source hands to <see cref="IWorkQueue.EnqueueAsync"/>.</summary>
/// <param name="Queue">Target queue.</param>
/// <param name="Reference">Unique reference; the same reference twice enqueues once.</param>
/// <param name="PayloadJson">The input as JSON (use <c>{}</c> for none).</param>
/// <param name="Attachments">Attachments already put in the blob store.</param>
/// <param name="Priority">Higher is taken first; 0 is normal.</param>
/// <param name="DueAt">SLA deadline, if any.</param>
public sealed record NewWorkItem(
    string Queue,
    string Reference,
    string PayloadJson,
    IReadOnlyList<AttachmentRef>? Attachments = null,
    int Priority = 0,
    DateTimeOffset? DueAt = null);
