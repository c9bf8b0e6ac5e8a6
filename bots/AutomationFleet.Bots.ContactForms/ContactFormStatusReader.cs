using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// Contact forms for the public status page: the postcode and date of birth the person typed into the form
/// (<c>person.postcode</c>, <c>person.dateOfBirth</c>), or those read from a letter handed over by inbound post. Nothing
/// the bot does answers the person (it writes a case note), so it has no answer steps.
/// </summary>
public sealed class ContactFormStatusReader(IOptions<ContactFormsOptions> options, IBlobStore blobs) : IPublicStatusReader
{
    public string Queue => options.Value.Queue;

    public bool IsAnswerStep(string step) => false;

    public PublicItemFacts Read(WorkItem item)
    {
        return PublicItemFactsJson.Read(item, blobs, form => PublicItemFactsJson.From(
            PublicItemFactsJson.String(form, "person", "postcode"), PublicItemFactsJson.String(form, "person", "dateOfBirth")));
    }
}
