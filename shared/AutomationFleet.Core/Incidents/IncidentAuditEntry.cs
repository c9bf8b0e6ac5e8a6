namespace AutomationFleet.Core.Incidents;

/// <summary>One change to an incident, as the store keeps it (append-only).</summary>
/// <param name="Reference">The incident.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who or what: a bot name or a user name.</param>
/// <param name="Action">What happened: one of <see cref="IncidentActions"/>.</param>
/// <param name="FromState">The state before, when the state changed.</param>
/// <param name="ToState">The state after, when the state changed.</param>
/// <param name="Detail">Why, in words (a rule name, a reviewer's note, the report linked). No personal data.</param>
public sealed record IncidentAuditEntry(
    string Reference, DateTimeOffset At, string Actor, string Action, IncidentState? FromState, IncidentState? ToState, string Detail);

/// <summary>The names of incident audit actions.</summary>
public static class IncidentActions
{
    /// <summary>The incident was recorded.</summary>
    public const string Opened = "opened";

    /// <summary>It was given to a team and possibly a person.</summary>
    public const string Allocated = "allocated";

    /// <summary>Another report of the same thing was linked to it.</summary>
    public const string ReportLinked = "report-linked";

    /// <summary>A supervisor was told its deadline is near.</summary>
    public const string Escalated = "escalated";

    /// <summary>Its state changed (resolved, closed, reopened).</summary>
    public const string StateChanged = "state-changed";

    /// <summary>The detail of an <see cref="Opened"/> or <see cref="ReportLinked"/> entry: the report.</summary>
    public static string ReportDetail(string reportReference) => "report " + reportReference;

    /// <summary>The detail of an <see cref="Allocated"/> entry: who now holds it (team, then a person or the queue), then the caller's why.</summary>
    public static string AllocationDetail(string team, string? assignee, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return $"team {team}, {(assignee is null ? "queue" : "assignee " + assignee)}" + (detail.Length == 0 ? string.Empty : "; " + detail);
    }
}
