using System.Text.Json;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.IncidentReports;

/// <summary>
/// Incident reports for the public status page: the postcode the reporter gave for the place (<c>place.postcode</c>),
/// or the postcode and date of birth read from a letter handed over by inbound post. Once an outcome allocates the
/// report, the service shown is the allocated team's name from the allocation config (e.g. <c>Highways North</c>), never
/// the person it was assigned to. The team is told, not the reporter, so it has no answer steps.
/// </summary>
public sealed class IncidentReportStatusReader(IOptions<IncidentReportsOptions> options, IBlobStore blobs, IncidentReferenceData reference) : IPublicStatusReader
{
    public string Queue => options.Value.Queue;

    public bool IsAnswerStep(string step) => false;

    public PublicItemFacts Read(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var facts = PublicItemFactsJson.Read(item, blobs, report => PublicItemFactsJson.From(PublicItemFactsJson.String(report, "place", "postcode"), dateOfBirth: null));
        return AllocatedTeam(item.OutcomeJson) is { } team ? facts with { Service = team } : facts;
    }

    // The team of a recorded outcome (a bot's or a reviewer's), by its public name; an unknown team or an outcome that
    // cannot be read leaves the queue's configured service.
    private string? AllocatedTeam(string? outcomeJson)
    {
        if (outcomeJson is null)
        {
            return null;
        }

        string? team;
        try
        {
            team = JsonSerializer.Deserialize<IncidentOutcome>(outcomeJson, IncidentReportBot.JsonOptions)?.Team;
        }
        catch (JsonException)
        {
            return null;
        }

        return reference.Allocation.FindTeam(team)?.Name is { Length: > 0 } name ? name : null;
    }
}
