using System.Text.Json;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.ContactForms.Forms;

/// <summary>
/// Reads a contact-forms item, whichever way it came: web-form JSON as the payload (the intake endpoint), a JSON file
/// attached by the watched folder, or a <see cref="Handoff"/> from another bot (a letter). Anything else is refused with
/// a <see cref="ContactFormFormatException"/> that says what is wrong, and the item is kept with that reason.
/// </summary>
public static class ContactFormReader
{
    /// <summary>The largest form file read from the folder (a form is a few kilobytes; anything huge is not one).</summary>
    public const long MaxFormBytes = 256 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The form an item carries.</summary>
    public static ContactForm Read(WorkItem item, IBlobStore blobs)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(blobs);
        using var payload = ParsePayload(item.PayloadJson);
        var root = payload.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sourceBot", out _))
        {
            return FromHandoff(HandoffJson.Parse(item.PayloadJson));
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("person", out _))
        {
            return FromFormJson(item.PayloadJson, FormChannel.Web, "the payload");
        }

        var file = JsonAttachment.Find(item)
            ?? throw new ContactFormFormatException(
                "the item is neither a web form (a JSON payload with \"person\"), a form file (.json attachment) nor a hand-off from another bot.");
        if (file.Length > MaxFormBytes)
        {
            throw new ContactFormFormatException($"the form file is {file.Length} bytes; a contact form is at most {MaxFormBytes} bytes.");
        }

        return FromFormJson(JsonAttachment.ReadText(blobs, file), FormChannel.Folder, "the form file");
    }

    private static JsonDocument ParsePayload(string json)
    {
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException exception)
        {
            throw new ContactFormFormatException($"the payload is not valid JSON: {exception.Message}");
        }
    }

    private static ContactForm FromFormJson(string json, string channel, string what)
    {
        WebForm? form;
        try
        {
            form = JsonSerializer.Deserialize<WebForm>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new ContactFormFormatException($"{what} is not a contact form: {exception.Message}");
        }

        if (form?.Person is null)
        {
            throw new ContactFormFormatException($"{what} has no \"person\".");
        }

        if (form.Person.IsEmpty)
        {
            throw new ContactFormFormatException($"{what} names no one: give a name, a date of birth, an NHS number, an e-mail or a phone number.");
        }

        if (string.IsNullOrWhiteSpace(form.Message))
        {
            throw new ContactFormFormatException($"{what} has no \"message\": there is nothing to note.");
        }

        return new ContactForm(channel, Trimmed(form.Person), form.Message.Trim(), ReadByOcr: false);
    }

    private static ContactForm FromHandoff(Handoff handoff)
    {
        string? Field(string name) => handoff.FieldsOf(name).FirstOrDefault()?.Value;
        var person = new FormPerson(
            GivenName: Field(HandoffFieldNames.GivenName),
            Surname: Field(HandoffFieldNames.Surname),
            DateOfBirth: Field(HandoffFieldNames.DateOfBirth),
            Address: Field(HandoffFieldNames.Address),
            Postcode: Field(HandoffFieldNames.Postcode),
            Phone: Field(HandoffFieldNames.Phone),
            Email: Field(HandoffFieldNames.Email),
            NhsNumber: Field(HandoffFieldNames.NhsNumber));
        if (person.IsEmpty)
        {
            throw new ContactFormFormatException(
                $"the letter handed over by {handoff.SourceBot} ({handoff.SourceReference}) names no one the bot can look for: no name, date of birth, NHS number, e-mail or phone was read from it.");
        }

        var ocr = handoff.Fields.Any(f => f.Origin == HandoffOrigins.Ocr);
        var message = $"Contact received by post ({handoff.SourceReference}); the letter is attached to the fleet item.";
        return new ContactForm(FormChannel.Letter, person, message, ocr, handoff.SourceReference);
    }

    private static FormPerson Trimmed(FormPerson p) => new(
        T(p.GivenName), T(p.Surname), T(p.DateOfBirth), T(p.Sex), T(p.Address), T(p.Postcode), T(p.Phone), T(p.Email), T(p.NhsNumber));

    private static string? T(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record WebForm(FormPerson? Person, string? Message);
}

/// <summary>An item that is not a contact form; the message says why, and becomes the item's recorded reason.</summary>
public sealed class ContactFormFormatException(string message) : Exception(message);
