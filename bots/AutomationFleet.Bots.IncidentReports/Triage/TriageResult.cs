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
public sealed record TriageEvidence(
    string? Kind,
    string? Severity,
    string? Place,
    IReadOnlyList<PersonCandidate> Person,
    IReadOnlyList<string> Duplicate,
    IReadOnlyList<string> Allocation)
{
    /// <summary>No evidence (a refused report).</summary>
    public static TriageEvidence None { get; } = new(null, null, null, [], [], []);
}

/// <summary>A case record the report's person may be: its id, its probability and a summary without personal data.</summary>
public sealed record PersonCandidate(string RecordId, double Probability, string? Team);
