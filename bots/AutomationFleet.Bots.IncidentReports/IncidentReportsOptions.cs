using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.IncidentReports;

/// <summary>The incident-report bot's settings, bound from the <c>IncidentReports</c> section.</summary>
public sealed class IncidentReportsOptions
{
    public const string SectionName = "IncidentReports";

    /// <summary>The queue the bot consumes; inbound post hands <c>highways</c> and <c>waste</c> letters here. Default <c>incident-reports</c>.</summary>
    [Required]
    public string Queue { get; set; } = "incident-reports";

    /// <summary>
    /// The queue of the escalation sweep (the <c>incident-escalation-sweep</c> schedule puts an item here) and of the
    /// escalations it finds, one item per incident. Default <c>incident-escalations</c>.
    /// </summary>
    [Required]
    public string EscalationQueue { get; set; } = "incident-escalations";

    /// <summary>Kinds, severities, teams, rules and the out-of-hours rota (JSON). Default <c>config/incidents/allocation.json</c>.</summary>
    [Required]
    public string AllocationPath { get; set; } = "config/incidents/allocation.json";

    /// <summary>The street and area gazetteer (CSV). Default <c>config/incidents/gazetteer.csv</c>, illustrative: a council loads its LLPG extract.</summary>
    [Required]
    public string GazetteerPath { get; set; } = "config/incidents/gazetteer.csv";

    /// <summary>
    /// Which team each case record is allocated to (CSV <c>id,team</c>, exported from the case system beside the
    /// case-record extract); used by rules that name <c>personTeams</c>. None: no rule sees a person's team.
    /// </summary>
    public string? PersonTeamsPath { get; set; } = "samples/case-records/teams.csv";

    /// <summary>
    /// How alike (cosine of the sentence embeddings, 0–1) a report's words must be to an open incident's, at the same
    /// place and within the kind's window, for the report to be linked to it as a duplicate. Default 0.5.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DuplicateTextSimilarity { get; set; } = 0.5;

    /// <summary>
    /// The word overlap (0–1, words and letter trigrams) at or above which a report at the same place and time is a clear
    /// repeat, linked without the sentence encoder. Default 0.42, chosen on the labelled report pairs (see the README).
    /// </summary>
    [Range(0.0, 1.0)]
    public double DuplicateWordOverlapClear { get; set; } = 0.42;

    /// <summary>
    /// The word overlap below which a report at the same place and time is clearly about something else, not linked and
    /// not embedded. Between this and <see cref="DuplicateWordOverlapClear"/> the sentence encoder decides. Default
    /// 0.10, chosen on the labelled report pairs; 0 sends every uncertain pair to the encoder.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DuplicateWordOverlapUnrelated { get; set; } = 0.10;

    /// <summary>How far in the future a reported time may be (clocks differ) before it is refused. Default 10 minutes.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The probability at which a report's person is taken to be a case record; below it, a report that names a person
    /// goes to review with the candidates. Default 0.999, as the contact-form bot's threshold.
    /// </summary>
    [Range(0.5, 1.0)]
    public double PersonMatchProbability { get; set; } = 0.999;
}
