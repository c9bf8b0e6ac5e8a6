using System.Text.Json;
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
        return PublicItemFactsJson.Read(item, blobs, assessment =>
            PublicItemFactsJson.From(LastAddressLine(assessment), PublicItemFactsJson.String(assessment, "person", "dateOfBirth")));
    }

    // The postcode is the last line of the letter's address.
    private static string? LastAddressLine(JsonElement assessment) =>
        assessment.TryGetProperty("addressee", out var addressee)
        && addressee.ValueKind == JsonValueKind.Object
        && addressee.TryGetProperty("address", out var address)
        && address.ValueKind == JsonValueKind.Array
        && address.GetArrayLength() > 0
        && address[address.GetArrayLength() - 1].ValueKind == JsonValueKind.String
            ? address[address.GetArrayLength() - 1].GetString()
            : null;
}
