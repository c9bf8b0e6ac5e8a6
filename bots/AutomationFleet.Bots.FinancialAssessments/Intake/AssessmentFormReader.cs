using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.FinancialAssessments.Intake;

/// <summary>
/// Reads a <c>financial-assessments</c> item, whichever way it came: the document as the payload (the intake
/// endpoint), a <c>.json</c> file attached by the watched folder, or a <see cref="Handoff"/> of a paper form from
/// inbound post, turned into a draft document holding what was read. Anything else is refused with an
/// <see cref="AssessmentFormatException"/> saying why.
/// </summary>
public static class AssessmentFormReader
{
    /// <summary>The largest document read from the folder (a form is a few kilobytes; anything huge is not one).</summary>
    public const long MaxDocumentBytes = 256 * 1024;

    private static readonly string[] BirthDateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "dd/MM/yyyy", "d MMMM yyyy", "d MMM yyyy", "dd-MM-yyyy"];

    public static AssessmentForm Read(WorkItem item, IBlobStore blobs)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(blobs);
        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(string.IsNullOrWhiteSpace(item.PayloadJson) ? "{}" : item.PayloadJson);
        }
        catch (JsonException exception)
        {
            throw new AssessmentFormatException($"the payload is not valid JSON: {exception.Message}");
        }

        using (payload)
        {
            var root = payload.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sourceBot", out _))
            {
                return new AssessmentForm(AssessmentChannels.Post, ReadByOcr: true, Draft(HandoffJson.Parse(item.PayloadJson)));
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("effectiveDate", out _))
            {
                return new AssessmentForm(AssessmentChannels.Web, ReadByOcr: false, item.PayloadJson);
            }
        }

        var file = JsonAttachment.Find(item)
            ?? throw new AssessmentFormatException(
                "the item is neither an assessment document (a JSON payload with \"effectiveDate\"), a document file (.json attachment) nor a hand-off from inbound post.");
        if (file.Length > MaxDocumentBytes)
        {
            throw new AssessmentFormatException($"the document file is {file.Length} bytes; an assessment is at most {MaxDocumentBytes} bytes.");
        }

        return new AssessmentForm(AssessmentChannels.Folder, ReadByOcr: false, JsonAttachment.ReadText(blobs, file));
    }

    /// <summary>
    /// A draft document from a paper form's hand-off: the reference, date of birth and the writer's name and address as
    /// read (a date of birth in a form the reader takes is put as YYYY-MM-DD; anything else is kept as read, for a
    /// person to correct). The figures are for the reviewer to enter from the form itself.
    /// </summary>
    internal static string Draft(Handoff handoff)
    {
        string? Field(string name) => handoff.FieldsOf(name).FirstOrDefault()?.Value.Trim();
        var draft = new JsonObject { ["reference"] = Field(HandoffFieldNames.Reference) ?? handoff.SourceReference };
        var person = new JsonObject();
        if (Field(HandoffFieldNames.DateOfBirth) is { } born)
        {
            person["dateOfBirth"] = DateOnly.TryParseExact(born, BirthDateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : born;
        }

        draft["person"] = person;
        draft["income"] = new JsonArray();
        var name = string.Join(' ', new[] { Field(HandoffFieldNames.GivenName), Field(HandoffFieldNames.Surname) }.OfType<string>());
        var address = new[] { Field(HandoffFieldNames.Address), Field(HandoffFieldNames.Postcode) }.OfType<string>().ToList();
        if (name.Length > 0)
        {
            draft["addressee"] = new JsonObject { ["name"] = name, ["address"] = new JsonArray([.. address.Select(a => JsonValue.Create(a))]) };
        }

        return draft.ToJsonString();
    }
}

/// <summary>An item that is not an assessment form; the message says why, and becomes the item's recorded reason.</summary>
public sealed class AssessmentFormatException(string message) : Exception(message);
