using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Delivery;

/// <summary>
/// Hands a decided outcome to another queue, so one bot's output is another bot's input (bots never
/// call each other). The new item's reference is <c>{reference}&gt;{queue}</c>; enqueueing is
/// idempotent by reference, so redoing the step after a crash never makes a second item.
/// </summary>
public sealed class QueueHandoffStep : IDeliveryStep
{
    private readonly IWorkQueue _queue;
    private readonly string _targetQueue;
    private readonly Func<DeliveryContext, string>? _payload;

    /// <summary>Creates a hand-off to <paramref name="targetQueue"/>.</summary>
    /// <param name="queue">The work queue.</param>
    /// <param name="targetQueue">The queue the new item goes to.</param>
    /// <param name="payload">Builds the new item's payload; by default the decided outcome's JSON.</param>
    public QueueHandoffStep(IWorkQueue queue, string targetQueue, Func<DeliveryContext, string>? payload = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetQueue);
        _queue = queue;
        _targetQueue = targetQueue;
        _payload = payload;
    }

    /// <summary><c>handoff:{queue}</c>.</summary>
    public string Name => $"handoff:{_targetQueue}";

    /// <summary>Always true: enqueueing the same reference twice is a no-op.</summary>
    public bool IsIdempotent => true;

    /// <summary><see cref="FleetPipelines.QueueHandoff"/>.</summary>
    public string Pipeline => FleetPipelines.QueueHandoff;

    /// <summary>The reference of the item a hand-off creates.</summary>
    public static string ReferenceFor(string reference, string targetQueue) => $"{reference}>{targetQueue}";

    /// <inheritdoc />
    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var item = context.Item;
        var reference = ReferenceFor(item.Reference, _targetQueue);
        var payload = _payload?.Invoke(context) ?? context.Outcome.OutcomeJson;
        var result = await _queue.EnqueueAsync(
            new NewWorkItem(_targetQueue, reference, payload, item.Attachments, item.Priority, item.DueAt),
            Actors.Handoff(item.Queue),
            cancellationToken);
        return JsonSerializer.Serialize(new HandoffResult(reference, result.Item.Id, result.Created));
    }

    private sealed record HandoffResult(string Reference, long ItemId, bool Created);
}
