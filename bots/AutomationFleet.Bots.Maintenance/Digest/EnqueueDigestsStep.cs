using System.Text.Json;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.Maintenance.Digest;

/// <summary>
/// Puts one digest item per supervisor on the maintenance queue under <c>digest:NAME:yyyy-MM-dd</c>. Idempotent: the
/// reference is unique, so a redo (or a second daily-digest fire the same day) enqueues nothing new.
/// </summary>
public sealed class EnqueueDigestsStep(IWorkQueue queue, string maintenanceQueue) : IDeliveryStep
{
    public string Name => "enqueue-digests";

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.QueueHandoff;

    /// <summary>The one digest item of a supervisor for a day.</summary>
    public static string ReferenceFor(string supervisor, string date) => $"digest:{supervisor}:{date}";

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = MaintenanceBot.OutcomeOf(context.Outcome.OutcomeJson);
        if (outcome.Supervisors is not { } supervisors || outcome.DigestDate is not { } date)
        {
            return null;
        }

        var created = 0;
        foreach (var supervisor in supervisors)
        {
            var payload = JsonSerializer.Serialize(new { task = MaintenanceTasks.SupervisorDigest, supervisor, date }, MaintenanceBot.JsonOptions);
            var result = await queue.EnqueueAsync(
                new NewWorkItem(maintenanceQueue, ReferenceFor(supervisor, date), payload), MaintenanceBot.BotName, cancellationToken);
            created += result.Created ? 1 : 0;
        }

        return JsonSerializer.Serialize(new { created });
    }
}
