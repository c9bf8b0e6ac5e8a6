using System.Text.Json;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary>A work item as the CLI prints it in <c>--json</c> output.</summary>
public sealed record ItemView(
    long Id,
    string Queue,
    string Reference,
    WorkItemState State,
    int Attempts,
    int Priority,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? NextAttemptAt,
    JsonElement? Payload,
    JsonElement? Outcome,
    double? Confidence,
    string? OutcomeDecidedBy,
    string? LastError,
    IReadOnlyList<AttachmentRef> Attachments)
{
    public static ItemView From(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ItemView(
            item.Id, item.Queue, item.Reference, item.State, item.Attempts, item.Priority, item.DueAt, item.CreatedAt,
            item.UpdatedAt, item.LeaseOwner, item.LeaseExpiresAt, item.NextAttemptAt, JsonView.Embed(item.PayloadJson),
            JsonView.Embed(item.OutcomeJson), item.Confidence, item.OutcomeDecidedBy, item.LastError, item.Attachments);
    }
}
