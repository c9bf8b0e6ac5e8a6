using System.Globalization;
using AutomationFleet.Bots.IncidentReports.Allocation;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Bots.IncidentReports.Incidents;
using AutomationFleet.Bots.IncidentReports.Places;
using AutomationFleet.Bots.IncidentReports.Reports;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Bots.IncidentReports.Triage;

/// <summary>
/// Turns one report into a decision: check it, find its kind, place and person, look for the open incident it repeats,
/// and allocate it by the rules, the rota and capacity. Reads the store (open incidents, loads) and never writes it: the
/// delivery steps record what was decided. Shared by the bot and <c>fleet incidents allocate</c>, so both decide alike.
/// </summary>
public sealed class IncidentTriage(
    IncidentReferenceData data,
    IIncidentStore store,
    DuplicateFinder duplicates,
    PersonIndexHolder? people,
    IncidentReportsOptions options)
{
    /// <summary>How reports are compared with open incidents; the record step asks it for a new incident's text vector.</summary>
    public DuplicateFinder Duplicates => duplicates;

    /// <summary>Triage of one report received at <paramref name="receivedAt"/>, judged at <paramref name="now"/>.</summary>
    public async Task<TriageResult> TriageAsync(
        IncidentReport report, string reportReference, DateTimeOffset receivedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var config = data.Allocation;

        // Bad input first: each names its field.
        if (report.ReportedAt is { } sentAt && sentAt > now + options.FutureTolerance)
        {
            return Refused("reportedAt", string.Create(CultureInfo.InvariantCulture, $"{sentAt:u} is in the future; give the time the report was sent."));
        }

        receivedAt = report.ReportedAt ?? receivedAt;
        if (report.OccurredAt is { } reportedTime && reportedTime > now + options.FutureTolerance)
        {
            return Refused("occurredAt", string.Create(CultureInfo.InvariantCulture, $"{reportedTime:u} is in the future; give the time it happened."));
        }

        IncidentKind? kind;
        string kindHow;
        if (report.Kind is { } kindId)
        {
            kind = config.FindKind(kindId);
            if (kind is null)
            {
                return Refused("kind", $"'{kindId}' is not a kind of incident this council takes (known: {string.Join(", ", config.Kinds.Select(k => k.Id))}).");
            }

            kindHow = $"{kind.Id}, as reported";
        }
        else
        {
            var suggestion = data.Kinds.Suggest(report.Description);
            kind = suggestion?.Kind;
            kindHow = suggestion is null ? "not given, and no kind's words are in the text" : $"{suggestion.Kind.Id}, from the word '{suggestion.Keyword}' in the text";
        }

        string severity;
        string severityHow;
        if (report.Severity is { } severityId)
        {
            if (config.FindSeverity(severityId) is null)
            {
                return Refused("severity", $"'{severityId}' is not a severity (known: {string.Join(", ", config.Severities.Select(s => s.Id))}).");
            }

            severity = severityId;
            severityHow = $"{severity}, as reported";
        }
        else
        {
            severity = kind?.DefaultSeverity ?? config.Severities[0].Id;
            severityHow = kind is null ? $"{severity}, the first severity (no kind)" : $"{severity}, the default for {kind.Id}";
        }

        var occurredAt = report.OccurredAt ?? receivedAt;
        var reasons = new List<string>();
        var urgent = false;

        // Place: a postcode, an address, coordinates, or a street named in the words.
        var place = report.Place is { IsEmpty: false } p
            ? data.Places.Find(new PlaceQuery(p.Postcode, p.Address, p.Latitude, p.Longitude, p.Description ?? report.Description))
            : data.Places.Find(new PlaceQuery(null, null, null, null, report.Description));
        var placeEvidence = place is null ? (report.Place is { IsEmpty: false } ? "not found in the gazetteer" : "none given or named") : place.Explanation;

        // Where exactly: the reporter's pin when the form sent one, else the street's point. A street can be a mile long,
        // and the kinds' de-duplication distances (tens of metres) are about the spot, not the street.
        var point = place is null
            ? ((double Latitude, double Longitude)?)null
            : report.Place is { Latitude: { } pinLatitude, Longitude: { } pinLongitude } ? (pinLatitude, pinLongitude) : (place.Latitude, place.Longitude);

        // Person: the case record the report is about, when it names someone.
        var candidates = FindPerson(report.Person);
        var person = candidates.Count > 0 && candidates[0].Probability >= options.PersonMatchProbability ? candidates[0] : null;

        var evidence = new TriageEvidence($"{kindHow}", severityHow, placeEvidence, candidates, [], [])
        {
            KindId = kind?.Id,
            SeverityId = severity,
            PlaceFound = place,
            PersonId = person?.RecordId,
            OccurredAt = occurredAt,
            ReceivedAt = receivedAt,
        };
        if (kind is null)
        {
            return Review(null, evidence, urgent: false, "kind: the report does not say what kind of incident it is, and its words match no kind; choose one.");
        }

        // Never automatic, whatever else is found: a person must see these first.
        var cues = HarmCues.Find(report.Description);
        if (kind.NeverAutomatic)
        {
            reasons.Add($"Kind '{kind.Id}' is never automatic: a person decides.");
            urgent = true;
        }

        if (cues.Count > 0)
        {
            reasons.Add($"Possible safeguarding concern or serious harm: the text mentions {string.Join(", ", cues.Select(c => $"'{c}'"))}.");
            urgent = true;
        }

        var urgentReasons = new List<string>(reasons);

        // A repeat of an open incident is linked, not allocated again.
        var duplicate = await FindDuplicateAsync(kind, place, point, person, occurredAt, report.Description, cancellationToken);
        if (duplicate is not null && reasons.Count == 0)
        {
            var incident = duplicate.Incident;
            var linked = new IncidentOutcome(
                IncidentActionsDecided.Link, incident.Reference, incident.Kind, incident.KindGroup, incident.Severity, incident.Team, incident.Assignee,
                "duplicate", incident.Deadline, false, incident.Area, incident.PlaceId, incident.Latitude, incident.Longitude, incident.PersonId,
                occurredAt, incident.Summary, report.Description);
            return new TriageResult(TriageVerdict.Linked, linked, [$"Repeats open incident {incident.Reference}.", .. duplicate.Reasons], false,
                evidence with { Duplicate = duplicate.Reasons });
        }

        var personTeam = person?.Team;
        var request = new AllocationRequest(kind.Id, severity, place?.Area, personTeam, receivedAt);
        var routed = data.Allocator.Allocate(request, EmptyCounts);
        var decision = routed.Team is null
            ? routed
            : data.Allocator.Allocate(request, await store.OpenCountsByAssigneeAsync(routed.Team, cancellationToken));
        evidence = evidence with
        {
            Duplicate = duplicate?.Reasons ?? [],
            Allocation = decision.Reasons,
        };

        if (decision.Team is null)
        {
            reasons.Add("No allocation rule matches this report: a person chooses the team.");
            urgentReasons.Add(reasons[^1]);
            urgent = true;
        }

        evidence = evidence with { Urgent = urgentReasons };

        if (place is null && report.Person is null)
        {
            reasons.Add(report.Place is { IsEmpty: false }
                ? "place: the place given cannot be found in the gazetteer; find it, or choose the team."
                : "place: the report names no place the gazetteer knows and no person; find where it is.");
        }

        if (report.Person is { IsEmpty: false } && person is null)
        {
            reasons.Add(candidates.Count == 0
                ? "person: the report names someone, but no case record resembles them."
                : string.Create(CultureInfo.InvariantCulture, $"person: the best case record is only {candidates[0].Probability:0.###} likely (at least {options.PersonMatchProbability} to be sure)."));
        }

        if (report.ReadByOcr)
        {
            reasons.Add("A letter read by OCR: check the place and the kind against the scan.");
        }

        var outcome = decision.Team is null
            ? null
            : new IncidentOutcome(
                IncidentActionsDecided.Open, IncidentReferences.For(reportReference), kind.Id, kind.Group, severity, decision.Team, decision.Assignee,
                decision.Rule ?? "", decision.Deadline, decision.OutOfHours, place?.Area, place?.PlaceId, point?.Latitude, point?.Longitude,
                person?.RecordId, occurredAt, Summary(kind, place), report.Description);
        return reasons.Count == 0 && outcome is not null
            ? new TriageResult(TriageVerdict.Allocated, outcome, decision.Reasons, false, evidence)
            : new TriageResult(TriageVerdict.Review, outcome, reasons, urgent, evidence);
    }

    private static readonly IReadOnlyDictionary<string, int> EmptyCounts = new Dictionary<string, int>();

    private async Task<DuplicateMatch?> FindDuplicateAsync(
        IncidentKind kind, PlaceMatch? place, (double Latitude, double Longitude)? point, PersonCandidate? person, DateTimeOffset occurredAt, string text,
        CancellationToken cancellationToken)
    {
        if (place is null && person is null)
        {
            return null;
        }

        double? minLat = null, maxLat = null, minLon = null, maxLon = null;
        string? placeId = place?.PlaceId;
        if (point is { } p)
        {
            (minLat, maxLat, minLon, maxLon) = SearchBox.Around(p.Latitude, p.Longitude, kind.DistanceMetres);

            // An incident with a place always has its point, and two points are compared by distance, never by street:
            // asking for the street's incidents too would read every one in the window only for the finder to drop them.
            placeId = null;
        }

        var nearby = await store.FindNearbyAsync(
            new NearbyIncidentQuery(kind.Group, occurredAt - kind.Window, minLat, maxLat, minLon, maxLon, placeId, person?.RecordId),
            cancellationToken);
        return duplicates.Find(
            new DuplicateQuery(kind.Window, kind.DistanceMetres, point?.Latitude, point?.Longitude, place?.PlaceId, person?.RecordId, occurredAt, text),
            nearby);
    }

    private List<PersonCandidate> FindPerson(ReportPerson? person)
    {
        if (person is not { IsEmpty: false } || people?.Index is not { } index)
        {
            return [];
        }

        var query = new PersonRecord(
            "report", person.GivenName ?? "", person.Surname ?? "", person.DateOfBirth ?? "", "", person.Address ?? "", person.Postcode ?? "", "", "",
            person.NhsNumber ?? "");
        return index.Find(query, 3)
            .Select(m => new PersonCandidate(m.Record.Id, Math.Round(m.Explanation.Probability, 6), data.TeamOfPerson(m.Record.Id)))
            .ToList();
    }

    /// <summary>The one-line summary of an incident (kind, street, area; no names), for the bot and the review form alike.</summary>
    internal static string Summary(IncidentKind kind, PlaceMatch? place) =>
        place is null ? kind.Name : $"{kind.Name}, {place.Street}, {place.Town} ({place.Area})";

    private static TriageResult Refused(string field, string problem) =>
        new(TriageVerdict.Refused, null, [$"{field}: {problem}"], false, TriageEvidence.None);

    private static TriageResult Review(IncidentOutcome? outcome, TriageEvidence evidence, bool urgent, string reason) =>
        new(TriageVerdict.Review, outcome, [reason], urgent, evidence);
}
