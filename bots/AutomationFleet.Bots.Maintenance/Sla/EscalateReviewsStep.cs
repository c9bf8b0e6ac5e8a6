using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Review;

namespace AutomationFleet.Bots.Maintenance.Sla;

/// <summary>
/// Escalates the review tasks the SLA sweep found to a supervisor, each audited as <c>system:review-sla-sweep</c> with
/// its due date and the lead time. Idempotent: the store escalates a task only while it is open and not escalated, so a
/// redo, or a later sweep, leaves it alone.
/// </summary>
public sealed class EscalateReviewsStep(IReviewSlaStore store) : IDeliveryStep
{
    /// <summary>The actor of every SLA escalation.</summary>
    public static readonly string Actor = Actors.System(MaintenanceTasks.ReviewSlaSweep);

    public string Name => "escalate-reviews";

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = MaintenanceBot.OutcomeOf(context.Outcome.OutcomeJson);
        if (outcome.Escalate is not { } due || outcome.LeadTime is not { } lead)
        {
            return null;
        }

        var escalated = 0;
        foreach (var task in due)
        {
            escalated += await store.EscalateAsync(task.ItemId, Actor, ReviewRules.SlaEscalatedReason(task.DueAt, lead), cancellationToken) ? 1 : 0;
        }

        return JsonSerializer.Serialize(new { escalated });
    }
}
