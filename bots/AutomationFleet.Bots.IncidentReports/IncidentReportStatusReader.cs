using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.IncidentReports;

/// <summary>
/// Incident reports for the public status page: the postcode the reporter gave for the place (<c>place.postcode</c>),
/// or the postcode and date of birth read from a letter handed over by inbound post. The team is told, not the reporter,
/// so it has no answer steps.
/// </summary>
public sealed class IncidentReportStatusReader(IOptions<IncidentReportsOptions> options, IBlobStore blobs) : IPublicStatusReader
{
    public string Queue => options.Value.Queue;

    public bool IsAnswerStep(string step) => false;

    public PublicItemFacts Read(WorkItem item)
    {
        return PublicItemFactsJson.Read(item, blobs, report => PublicItemFactsJson.From(PublicItemFactsJson.String(report, "place", "postcode"), dateOfBirth: null));
    }
}
