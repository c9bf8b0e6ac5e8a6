using AutomationFleet.Bots.IncidentReports.Places;

namespace AutomationFleet.Bots.IncidentReports.Triage;

/// <summary>What the bot makes of one report.</summary>
/// <param name="Verdict">Allocated, linked to an open incident, to a person, or refused as bad input.</param>
/// <param name="Outcome">The outcome to carry out (allocated or linked), or the bot's best proposal for a reviewer (may be null).</param>
/// <param name="Reasons">Why, in words: the rule, the rota, the deadline's calendar, the duplicate, or what a person must decide. No personal data.</param>
/// <param name="Urgent">A person must see it soon (safeguarding, serious harm, nothing allocates it).</param>
/// <param name="Evidence">What the bot found, for the review form and <c>fleet incidents allocate</c>.</param>
public sealed record TriageResult(TriageVerdict Verdict, IncidentOutcome? Outcome, IReadOnlyList<string> Reasons, bool Urgent, TriageEvidence Evidence);

/// <summary>The four ways a report ends in the bot.</summary>
public enum TriageVerdict
{
    /// <summary>A new incident, allocated by a rule.</summary>
    Allocated,

    /// <summary>A repeat of an open incident, linked to it.</summary>
    Linked,

    /// <summary>A person decides (never automatic, no rule, no place, unsure person).</summary>
    Review,

    /// <summary>Not a report the bot can take: the reason names the field.</summary>
    Refused,
}

/// <summary>The evidence behind a triage, shown to a reviewer.</summary>
/// <param name="Kind">The kind used, and how it was known.</param>
/// <param name="Severity">The severity used, and how it was known.</param>
/// <param name="Place">The gazetteer place found and how, or why none.</param>
/// <param name="Person">The case-record candidates for the person the report names.</param>
/// <param name="Duplicate">The open incident it repeats, with the reasons.</param>
/// <param name="Allocation">The allocation's reasons (rule, rota, capacity, deadline).</param>
/// <remarks>
/// The properties below the list are the facts an outcome is built from, so the review form can build one when the bot
/// proposed none (no rule matched, no kind): a reviewer chooses the kind, severity, team and person; the rest is here.
/// </remarks>
public sealed record TriageEvidence(
    string? Kind,
    string? Severity,
    string? Place,
    IReadOnlyList<PersonCandidate> Person,
    IReadOnlyList<string> Duplicate,
    IReadOnlyList<string> Allocation)
{
    /// <summary>The kind used (an id from the allocation config), or null when none was given or found.</summary>
    public string? KindId { get; init; }

    /// <summary>The severity used (an id from the allocation config).</summary>
    public string? SeverityId { get; init; }

    /// <summary>The gazetteer place found, or null.</summary>
    public PlaceMatch? PlaceFound { get; init; }

    /// <summary>The case record the report is taken to be about (a candidate at or above the threshold), or null.</summary>
    public string? PersonId { get; init; }

    /// <summary>When it happened (as reported, else when it was received).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>When the report was received (the sender's time if given): the deadline counts from here.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Why a person must see it soon (never automatic, safeguarding or serious harm, no rule), for the form's alerts.</summary>
    public IReadOnlyList<string> Urgent { get; init; } = [];

    /// <summary>No evidence (a refused report).</summary>
    public static TriageEvidence None { get; } = new(null, null, null, [], [], []);
}

/// <summary>A case record the report's person may be: its id, its probability and a summary without personal data.</summary>
public sealed record PersonCandidate(string RecordId, double Probability, string? Team);
