using System.Text.Json;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.IncidentReports.Reports;

/// <summary>
/// Reads an <c>incident-reports</c> item, whichever way it came: the online form's JSON as the payload (the intake
/// endpoint), a JSON file attached by the watched folder, an e-mail from the IMAP mailbox source (subject and body), or
/// a <see cref="Handoff"/> from inbound post (a letter). Anything else is refused with an
/// <see cref="IncidentReportFormatException"/> that names the field at fault, and the item is kept with that reason.
/// </summary>
public static class IncidentReportReader
{
    /// <summary>The largest report read from a file or an e-mail body (a report is a few kilobytes; anything huge is not one).</summary>
    public const long MaxReportBytes = 256 * 1024;

    /// <summary>The longest description kept; a longer one is cut here (the original stays with the item).</summary>
    public const int MaxDescriptionLength = 8000;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The report an item carries.</summary>
    public static IncidentReport Read(WorkItem item, IBlobStore blobs)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(blobs);
        using var payload = ParseDocument(string.IsNullOrWhiteSpace(item.PayloadJson) ? "{}" : item.PayloadJson, "the payload");
        var root = payload.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sourceBot", out _))
        {
            return FromHandoff(HandoffJson.Parse(item.PayloadJson));
        }

        if (InboundMailPayload.FromJson(item.PayloadJson) is { } mail)
        {
            return FromMail(mail, blobs);
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("description", out _))
        {
            return Parse(item.PayloadJson, ReportChannels.Web);
        }

        var file = JsonAttachment.Find(item)
            ?? throw new IncidentReportFormatException(
                null,
                "the item is neither an incident report (a JSON payload with \"description\"), a report file (.json attachment), an e-mail nor a hand-off from another bot.");
        if (file.Length > MaxReportBytes)
        {
            throw new IncidentReportFormatException(null, $"the report file is {file.Length} bytes; a report is at most {MaxReportBytes} bytes.");
        }

        return Parse(JsonAttachment.ReadText(blobs, file), ReportChannels.Folder);
    }

    /// <summary>
    /// One report in the form's JSON (the intake endpoint's body, a report file, a line of a JSONL file). Malformed JSON,
    /// a value of the wrong type and a missing or empty <c>description</c> are refused, naming the field.
    /// </summary>
    public static IncidentReport Parse(string json, string channel)
    {
        ArgumentNullException.ThrowIfNull(json);
        ReportJson? report;
        try
        {
            report = JsonSerializer.Deserialize<ReportJson>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            var field = FieldOf(exception.Path);
            throw new IncidentReportFormatException(field, field is null ? $"not valid JSON: {exception.Message}" : WrongValue(exception));
        }

        if (report is null)
        {
            throw new IncidentReportFormatException(null, "the report is empty (JSON null).");
        }

        if (string.IsNullOrWhiteSpace(report.Description))
        {
            throw new IncidentReportFormatException("description", "missing or empty: say what happened.");
        }

        if (report.Place is { Latitude: { } lat } && lat is < -90 or > 90)
        {
            throw new IncidentReportFormatException("place.latitude", "must be between -90 and 90.");
        }

        if (report.Place is { Longitude: { } lon } && lon is < -180 or > 180)
        {
            throw new IncidentReportFormatException("place.longitude", "must be between -180 and 180.");
        }

        if (report.Place is { } p && (p.Latitude is null) != (p.Longitude is null))
        {
            throw new IncidentReportFormatException(p.Latitude is null ? "place.latitude" : "place.longitude", "give both latitude and longitude, or neither.");
        }

        return new IncidentReport(
            channel,
            T(report.Kind)?.ToLowerInvariant(),
            T(report.Severity)?.ToLowerInvariant(),
            report.OccurredAt,
            report.Place is { } place ? Trimmed(place) : null,
            report.Person is { } person ? Trimmed(person) : null,
            report.Reporter is { } r ? new Reporter(T(r.Name), T(r.Organisation), T(r.Email), T(r.Phone)) : null,
            Cut(report.Description.Trim()),
            report.ReportedAt);
    }

    private static IncidentReport FromMail(InboundMailPayload mail, IBlobStore blobs)
    {
        var body = mail.Parts.FirstOrDefault(p => p.Role == InboundMailPart.BodyRole);
        string text = "";
        if (body is not null)
        {
            if (body.Length > MaxReportBytes)
            {
                throw new IncidentReportFormatException(null, $"the e-mail body is {body.Length} bytes; a report is at most {MaxReportBytes} bytes.");
            }

            using var stream = blobs.OpenRead(body.ContentHash);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }

        var description = string.Join("\n", new[] { mail.Subject, text }.Where(s => !string.IsNullOrWhiteSpace(s))).Trim();
        if (description.Length == 0)
        {
            throw new IncidentReportFormatException("description", "the e-mail has neither a subject nor a text body: there is nothing to read.");
        }

        // Kind, place and time come from the words; the Date header is when it was sent, the nearest thing to when it happened.
        return new IncidentReport(
            ReportChannels.Email, Kind: null, Severity: null, mail.Date, new ReportPlace(Description: description), Person: null,
            new Reporter(Email: mail.AcknowledgementAddress), Cut(description));
    }

    private static IncidentReport FromHandoff(Handoff handoff)
    {
        string? Field(string name) => T(handoff.FieldsOf(name).FirstOrDefault()?.Value);
        var text = Field(HandoffFieldNames.Text);
        if (text is null)
        {
            throw new IncidentReportFormatException(
                "text",
                $"the letter handed over by {handoff.SourceBot} ({handoff.SourceReference}) carries no text to read the incident from.");
        }

        var place = new ReportPlace(Field(HandoffFieldNames.Postcode), Field(HandoffFieldNames.Address), Description: text);
        var person = new ReportPerson(
            Field(HandoffFieldNames.GivenName), Field(HandoffFieldNames.Surname), Field(HandoffFieldNames.DateOfBirth),
            Field(HandoffFieldNames.Address), Field(HandoffFieldNames.Postcode), Field(HandoffFieldNames.NhsNumber));
        var ocr = handoff.Fields.Any(f => f.Origin == HandoffOrigins.Ocr);
        return new IncidentReport(
            ReportChannels.Letter, Kind: null, Severity: null, OccurredAt: null, place, person.IsEmpty ? null : person,
            new Reporter(Email: Field(HandoffFieldNames.Email), Phone: Field(HandoffFieldNames.Phone)), Cut(text), ReportedAt: null, ocr, handoff.SourceReference);
    }

    private static JsonDocument ParseDocument(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new IncidentReportFormatException(null, $"{what} is not valid JSON: {exception.Message}");
        }
    }

    // "$.place.latitude" → "place.latitude"; the root or no path → null (the whole document is at fault).
    private static string? FieldOf(string? path) =>
        path is null || path is "$" || !path.StartsWith("$.", StringComparison.Ordinal) ? null : path[2..];

    private static string WrongValue(JsonException exception) =>
        exception.InnerException is FormatException || exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a value of the wrong type (a date-time like 2026-12-07T09:30:00Z, a number, or text, as the field needs)."
            : $"malformed JSON here: {exception.Message}";

    private static string Cut(string text) => text.Length <= MaxDescriptionLength ? text : text[..MaxDescriptionLength];

    private static ReportPlace Trimmed(PlaceJson p) => new(T(p.Postcode), T(p.Address), p.Latitude, p.Longitude, T(p.Description));

    private static ReportPerson Trimmed(ReportPerson p) =>
        new(T(p.GivenName), T(p.Surname), T(p.DateOfBirth), T(p.Address), T(p.Postcode), T(p.NhsNumber));

    private static string? T(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record ReportJson(
        string? Kind,
        string? Severity,
        DateTimeOffset? OccurredAt,
        DateTimeOffset? ReportedAt,
        PlaceJson? Place,
        ReportPerson? Person,
        ReporterJson? Reporter,
        string? Description);

    private sealed record PlaceJson(string? Postcode, string? Address, double? Latitude, double? Longitude, string? Description);

    private sealed record ReporterJson(string? Name, string? Organisation, string? Email, string? Phone);
}
