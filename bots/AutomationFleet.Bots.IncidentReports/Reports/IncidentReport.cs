namespace AutomationFleet.Bots.IncidentReports.Reports;

/// <summary>
/// One incident report as received, whichever way it came (personal data: never log it). Only
/// <see cref="Description"/> is always there; the bot infers what is missing (the kind from the text, the time from
/// when it arrived) or sends the report to a person.
/// </summary>
/// <param name="Channel">How it came: <see cref="ReportChannels"/>.</param>
/// <param name="Kind">The kind the reporter chose (an id from the allocation config), if any.</param>
/// <param name="Severity">The severity the reporter chose, if any.</param>
/// <param name="OccurredAt">When it happened, as reported.</param>
/// <param name="Place">Where, as reported.</param>
/// <param name="Person">Who it is about (a care provider's report), as reported.</param>
/// <param name="Reporter">Who reported it.</param>
/// <param name="Description">What happened, in the reporter's words.</param>
/// <param name="ReportedAt">
/// When the reporter sent it (the online form's submission time), if the sender says; the day or duty team and the
/// deadline are judged from it. Without it, from when the fleet received the report.
/// </param>
/// <param name="ReadByOcr">The text was read by OCR from a scan: characters may be misread.</param>
/// <param name="SourceReference">The item it was handed over from, for a letter from inbound post.</param>
public sealed record IncidentReport(
    string Channel,
    string? Kind,
    string? Severity,
    DateTimeOffset? OccurredAt,
    ReportPlace? Place,
    ReportPerson? Person,
    Reporter? Reporter,
    string Description,
    DateTimeOffset? ReportedAt = null,
    bool ReadByOcr = false,
    string? SourceReference = null);

/// <summary>Where an incident is, as reported. Any part may be missing.</summary>
public sealed record ReportPlace(string? Postcode = null, string? Address = null, double? Latitude = null, double? Longitude = null, string? Description = null)
{
    /// <summary>Whether any part is given.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Postcode) && string.IsNullOrWhiteSpace(Address) && Latitude is null && Longitude is null
        && string.IsNullOrWhiteSpace(Description);
}

/// <summary>The person a report is about, as the reporter gave them.</summary>
public sealed record ReportPerson(
    string? GivenName = null,
    string? Surname = null,
    string? DateOfBirth = null,
    string? Address = null,
    string? Postcode = null,
    string? NhsNumber = null)
{
    /// <summary>Whether the report names anyone a case record could be found by.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(GivenName) && string.IsNullOrWhiteSpace(Surname) && string.IsNullOrWhiteSpace(NhsNumber)
        && string.IsNullOrWhiteSpace(DateOfBirth);
}

/// <summary>Who reported an incident: a member of the public, or a care provider's staff.</summary>
public sealed record Reporter(string? Name = null, string? Organisation = null, string? Email = null, string? Phone = null);

/// <summary>The ways a report reaches the bot.</summary>
public static class ReportChannels
{
    /// <summary>The online form, posted to the intake endpoint.</summary>
    public const string Web = "web";

    /// <summary>A JSON file from the watched folder.</summary>
    public const string Folder = "folder";

    /// <summary>An e-mail, from the IMAP mailbox source.</summary>
    public const string Email = "email";

    /// <summary>A letter handed over by inbound post.</summary>
    public const string Letter = "letter";

    /// <summary>A line of a file given to <c>fleet incidents allocate</c>.</summary>
    public const string File = "file";
}
