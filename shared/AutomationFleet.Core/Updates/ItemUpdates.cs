using AutomationFleet.Core.Audit;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Updates;

/// <summary>
/// The one place a touch point becomes an update: an item on the updates queue under the deterministic reference
/// <see cref="UpdateRequest.Reference"/>. Enqueueing a reference twice is a no-op, so a retried or redone item raises
/// each touch point once; sending is the updates bot's ledgered step. Raised by <c>BotRunner</c> (received, decided,
/// passed to a service, done) and by the timescale sweep.
/// </summary>
public sealed class ItemUpdates(IWorkQueue queue, IOptions<UpdatesOptions> options)
{
    private readonly UpdatesOptions _options = options.Value;

    /// <summary>Whether <paramref name="queue"/>'s items raise any update.</summary>
    public bool AnyFor(string queue) => _options.TouchPointsFor(queue).Count > 0;

    /// <summary>Enqueues the update for <paramref name="item"/> at <paramref name="touchPoint"/> if its queue sends it.</summary>
    public async Task RaiseAsync(
        WorkItem item, TouchPoint touchPoint, CancellationToken cancellationToken, string? service = null, DateOnly? newDate = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_options.TouchPointsFor(item.Queue).Contains(touchPoint))
        {
            return;
        }

        var request = new UpdateRequest(UpdateRequest.RootOf(item.Reference), item.Queue, touchPoint, service, newDate);
        await queue.EnqueueAsync(
            new NewWorkItem(_options.Queue, request.Reference, request.ToJson(), [], item.Priority, null),
            Actors.Handoff(item.Queue),
            cancellationToken);
    }
}
