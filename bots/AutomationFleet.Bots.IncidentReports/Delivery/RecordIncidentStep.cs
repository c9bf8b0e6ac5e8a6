using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Bots.IncidentReports.Delivery;

/// <summary>
/// Records a decided outcome in the incident store: opens the incident (allocated to its team and person, audited) or
/// links the report to the open incident it repeats. Idempotent: the incident's reference is derived from the report and
/// the store refuses a second open or link of the same references, so a redo after a crash changes nothing. A new
/// incident keeps its text's vector only when the encoder holds it already, i.e. the decision encoded the report
/// (<see cref="DuplicateFinder.CachedTextVectorOf"/>); the step never encodes, as most new incidents are never compared
/// with a later report.
/// </summary>
public sealed class RecordIncidentStep(IIncidentStore store, string botName, TimeProvider timeProvider, DuplicateFinder duplicates) : IDeliveryStep
{
    public const string StepName = "record-incident";

    public string Name => StepName;

    public bool IsIdempotent => true;

    public string Pipeline => FleetPipelines.Delivery;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = IncidentReportBot.OutcomeOf(context.Outcome.OutcomeJson);
        var actor = Actors.IsReviewer(context.Outcome.DecidedBy) ? context.Outcome.DecidedBy : botName;
        var now = timeProvider.GetUtcNow();
        if (outcome.Action == IncidentActionsDecided.Link)
        {
            try
            {
                var linked = await store.LinkReportAsync(outcome.IncidentReference, context.Item.Reference, actor, now, cancellationToken);
                return JsonSerializer.Serialize(new { linked = outcome.IncidentReference, again = !linked });
            }
            catch (IncidentNotFoundException)
            {
                throw new PermanentDeliveryException($"Incident {outcome.IncidentReference} no longer exists; review the report again.");
            }
        }

        var opened = await store.OpenAsync(
            new NewIncident(
                outcome.IncidentReference, context.Item.Reference, outcome.Kind, outcome.KindGroup, outcome.Severity, outcome.Team, outcome.Assignee,
                outcome.Area, outcome.PlaceId, outcome.Latitude, outcome.Longitude, outcome.PersonId, outcome.OccurredAt, outcome.Deadline,
                outcome.Summary, outcome.Text, duplicates.CachedTextVectorOf(outcome.Text)),
            actor,
            $"rule '{outcome.Rule}'{(outcome.OutOfHours ? ", out of hours" : "")}; deadline {outcome.Deadline:u}",
            now,
            cancellationToken);
        return JsonSerializer.Serialize(new { opened = outcome.IncidentReference, again = !opened, team = outcome.Team, assignee = outcome.Assignee });
    }
}
