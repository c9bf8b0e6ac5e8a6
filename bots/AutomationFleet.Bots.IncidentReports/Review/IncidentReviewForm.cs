using System.Globalization;
using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Allocation;
using AutomationFleet.Bots.IncidentReports.Incidents;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Bots.IncidentReports.Review;

/// <summary>
/// The portal's page for an incident report in review: the report as the bot read it (kind, severity, place, person
/// candidates, each with how it was known), the duplicate and allocation reasons, and an alert for each urgent reason.
/// The correction is a choice of kind, severity, team (with each team's capacity now) and person (the team's queue or a
/// member, with their load and whether they can take it now). On submit the choices are checked against the allocation
/// config, the deadline is worked out again for the chosen severity from when the report was received, and the outcome
/// opens a new incident; the bot's delivery steps then record it and tell the team.
/// </summary>
public sealed class IncidentReviewForm(IncidentReferenceData data, IIncidentStore store, TimeProvider timeProvider) : IReviewForm
{
    public const string KindField = "kind";
    public const string SeverityField = "severity";
    public const string TeamField = "team";
    public const string PersonField = "person";

    /// <summary>The person choice that leaves the incident in the chosen team's queue.</summary>
    public const string TeamQueueChoice = "team-queue";

    /// <summary>The allocation rule an outcome built here names.</summary>
    public const string ReviewerRule = "reviewer";

    public string Bot => IncidentReportBot.BotName;

    public ReviewView Present(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var evidence = Read(task);
        var found = evidence.Found;
        var proposal = Proposal(task);
        var config = data.Allocation;
        var members = MembersNow();

        var tables = new List<EvidenceTable> { ReportTable(task, evidence) };
        if (found.PlaceFound is { } place)
        {
            tables.Add(new("place", "The place found", ["Field", "Value"],
            [
                ["Street", place.Street], ["Locality", place.Locality ?? ""], ["Town", place.Town], ["Area", place.Area],
                ["Place id", place.PlaceId], ["Coordinates", string.Create(CultureInfo.InvariantCulture, $"{place.Latitude:0.000000}, {place.Longitude:0.000000}")],
                ["Found by", place.How], ["Score", place.Score.ToString("0.00", CultureInfo.InvariantCulture)],
            ], place.Explanation));
        }

        tables.Add(new("person-candidates", "Case records the person may be", ["Case record", "Probability", "Team"],
            [.. found.Person.Select(c => (IReadOnlyList<string>)[c.RecordId, c.Probability.ToString("0.0##%", CultureInfo.InvariantCulture), c.Team ?? "(not known)"])],
            found.PersonId is { } id ? $"Taken to be case record {id}." : found.Person.Count == 0 ? "The report names no one, or no case record resembles them." : "None is likely enough to be sure."));
        if (found.Duplicate.Count > 0)
        {
            tables.Add(Reasons("duplicate", "The open incident it may repeat", found.Duplicate));
        }

        tables.Add(Reasons("allocation", "How the bot would allocate it", found.Allocation));

        var kinds = config.Kinds.Select(k => new CorrectionChoice(k.Id, k.Name, k.NeverAutomatic ? "never automatic" : null)).ToList();
        var severities = config.Severities.Select(s => new CorrectionChoice(s.Id, s.Name, s.Hours is { } h ? $"{h} clock hours" : $"{s.WorkingDays} working days")).ToList();
        var teams = config.Teams.Select(t =>
        {
            var of = members.Where(m => m.Team == t.Id).ToList();
            return new CorrectionChoice(t.Id, t.Name, $"{of.Count(m => m.Available)} of {of.Count} available, {of.Sum(m => m.Active)} active");
        }).ToList();
        var people = members
            .Select(m => new CorrectionChoice(m.MemberId, $"{m.Name} ({config.FindTeam(m.Team)!.Name})", $"{m.Active}/{m.Capacity}, {(m.Available ? "available now" : m.NotAvailableBecause)}"))
            .Prepend(new CorrectionChoice(TeamQueueChoice, "The team's queue", "nobody yet: the team picks it up"))
            .ToList();
        var fields = new List<CorrectionField>
        {
            new(KindField, "Kind of incident", CorrectionFieldKind.Select, proposal?.Kind ?? found.KindId, kinds),
            new(SeverityField, "Severity", CorrectionFieldKind.Select, proposal?.Severity ?? found.SeverityId, severities,
                "The deadline is worked out again from when the report was received."),
            new(TeamField, "Team", CorrectionFieldKind.Select, proposal?.Team, teams,
                "How many members can take an item now, and how many open incidents the team holds."),
            new(PersonField, "Allocated to", CorrectionFieldKind.Select, proposal?.Assignee ?? TeamQueueChoice, people,
                "Someone in the chosen team (active/capacity, and whether they can take it now), or the team's queue."),
        };
        return new ReviewView(tables, fields, found.Urgent.Count > 0 ? found.Urgent : null);
    }

    public ReviewCorrection Correct(ReviewTask task, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        var evidence = Read(task);
        var found = evidence.Found;
        var config = data.Allocation;
        var problems = new List<string>();

        var kindId = Value(values, KindField);
        var kind = config.FindKind(kindId);
        if (kind is null)
        {
            problems.Add(kindId is null ? "Choose the kind of incident." : $"Kind '{kindId}' is not a kind this council takes; choose one from the list.");
        }

        var severityId = Value(values, SeverityField);
        var severity = config.FindSeverity(severityId);
        if (severity is null)
        {
            problems.Add(severityId is null ? "Choose a severity." : $"Severity '{severityId}' is not one of the severities; choose one from the list.");
        }

        var teamId = Value(values, TeamField);
        var team = config.FindTeam(teamId);
        if (team is null)
        {
            problems.Add(teamId is null ? "Choose the team." : $"Team '{teamId}' is not in the allocation config; choose one from the list.");
        }

        var personId = Value(values, PersonField) ?? TeamQueueChoice;
        string? assignee = null;
        if (personId != TeamQueueChoice && team is not null)
        {
            // A reviewer may overrule capacity or hours (the choice says so beside the name), but not give it outside the team.
            assignee = team.Members.FirstOrDefault(m => string.Equals(m.Id, personId, StringComparison.OrdinalIgnoreCase))?.Id;
            if (assignee is null)
            {
                problems.Add($"'{personId}' is not a member of {team.Name}: choose someone in that team, or the team's queue.");
            }
        }

        if (problems.Count > 0)
        {
            throw new ReviewFormException(string.Join(" ", problems));
        }

        // The report's own time, as the bot judged it; evidence from before it was kept falls back to entering review.
        var receivedAt = found.ReceivedAt ?? task.CreatedAt;
        var deadline = data.Deadlines.Calculate(severity!, receivedAt);
        var outOfHours = team!.Id == config.OutOfHours.DutyTeam && config.OutOfHours.WhyClosed(receivedAt) is not null;
        var place = found.PlaceFound;
        var outcome = new IncidentOutcome(
            IncidentActionsDecided.Open, IncidentReferences.For(task.Reference), kind!.Id, kind.Group, severity!.Id, team.Id, assignee, ReviewerRule,
            deadline.At, outOfHours, place?.Area, place?.PlaceId, place?.Latitude, place?.Longitude, found.PersonId,
            found.OccurredAt ?? receivedAt, IncidentTriage.Summary(kind, place), evidence.Description ?? Proposal(task)?.Text ?? "");
        return new ReviewCorrection(JsonSerializer.Serialize(outcome, IncidentReportBot.JsonOptions), kind.Id);
    }

    private List<MemberAvailability> MembersNow()
    {
        var now = timeProvider.GetUtcNow();
        var members = new List<MemberAvailability>();
        foreach (var team in data.Allocation.Teams)
        {
            // Present is synchronous (IReviewForm) and the store async: the SQLite store does its work synchronously
            // underneath and the portal has no synchronization context, so blocking here neither deadlocks nor holds a
            // thread any longer than the query does.
            var counts = store.OpenCountsByAssigneeAsync(team.Id).GetAwaiter().GetResult();
            members.AddRange(data.Allocator.TeamsWithCapacity(team.Id, counts, now));
        }

        return members;
    }

    private EvidenceTable ReportTable(ReviewTask task, IncidentEvidence evidence)
    {
        var found = evidence.Found;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Channel", evidence.ReadByOcr ? $"{evidence.Channel} (read by OCR: characters may be misread)" : evidence.Channel },
            new[] { "Kind", found.Kind ?? "(not known)" },
            new[] { "Severity", found.Severity ?? "(not known)" },
            new[] { "Place", found.Place ?? "(not known)" },
            new[] { "Received", Time(found.ReceivedAt ?? task.CreatedAt) },
            new[] { "Happened", found.OccurredAt is { } at ? Time(at) : "(not known)" },
        };
        if (evidence.SourceReference is { } source)
        {
            rows.Insert(1, ["Handed over from", source]);
        }

        if (evidence.Description is { } text)
        {
            rows.Add(["What the report says", text]);
        }

        return new EvidenceTable("report", "The report", ["Field", "Value"], rows);
    }

    private static EvidenceTable Reasons(string id, string title, IReadOnlyList<string> reasons) =>
        new(id, title, ["Reason"], [.. reasons.Select(r => (IReadOnlyList<string>)[r])]);

    private static string? Value(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private string Time(DateTimeOffset at) => data.Allocation.OutOfHours.Describe(at);

    private static IncidentEvidence Read(ReviewTask task) =>
        JsonSerializer.Deserialize<IncidentEvidence>(task.Request.EvidenceJson, IncidentReportBot.JsonOptions)
        ?? throw new ReviewFormException("The bot left no evidence for this item.");

    private static IncidentOutcome? Proposal(ReviewTask task) =>
        task.Request.ProposalJson is { } json ? JsonSerializer.Deserialize<IncidentOutcome>(json, IncidentReportBot.JsonOptions) : null;
}
