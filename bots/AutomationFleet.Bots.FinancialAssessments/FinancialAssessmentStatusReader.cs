using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// Financial assessments for the public status page: the person's date of birth (<c>person.dateOfBirth</c>) and the
/// postcode, the last line of the letter's address (<c>addressee.address</c>), or those read from a paper form handed
/// over by inbound post. The outcome letter, printed or e-mailed, answers the person.
/// </summary>
public sealed class FinancialAssessmentStatusReader(IOptions<FinancialAssessmentsOptions> options, IBlobStore blobs) : IPublicStatusReader
{
    public string Queue => options.Value.Queue;

    public bool IsAnswerStep(string step) => step is PrintLetterStep.StepName or EmailLetterStep.StepName;

    public PublicItemFacts Read(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = PublicItemFactsJson.Document(item, blobs);
        if (text is not null && PublicItemFactsJson.TryReadHandoff(text, out var handedOver))
        {
            return handedOver;
        }

        using var document = PublicItemFactsJson.Parse(text);
        if (document is null)
        {
            return PublicItemFacts.None;
        }

        string? postcode = null;
        if (document.RootElement.TryGetProperty("addressee", out var addressee)
            && addressee.ValueKind == System.Text.Json.JsonValueKind.Object
            && addressee.TryGetProperty("address", out var address)
            && address.ValueKind == System.Text.Json.JsonValueKind.Array
            && address.GetArrayLength() > 0
            && address[address.GetArrayLength() - 1].ValueKind == System.Text.Json.JsonValueKind.String)
        {
            postcode = address[address.GetArrayLength() - 1].GetString();
        }

        return PublicItemFactsJson.From(postcode, PublicItemFactsJson.String(document.RootElement, "person", "dateOfBirth"));
    }
}
