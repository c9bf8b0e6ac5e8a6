namespace AutomationFleet.Core.Incidents;

/// <summary>
/// Keeps incidents, their states and their audit trail. A store persists and queries; whether a state change is allowed
/// is <see cref="IncidentTransitions"/>'s call, made here in Core and enforced by every implementation. Every write is
/// idempotent on its references, so a delivery step that is redone after a crash changes nothing the second time.
/// </summary>
public interface IIncidentStore
{
    /// <summary>
    /// Records a new incident (state <see cref="IncidentState.Allocated"/> when it has an assignee, else
    /// <see cref="IncidentState.Open"/>), with an <see cref="IncidentActions.Opened"/> and an
    /// <see cref="IncidentActions.Allocated"/> audit entry. Returns false, changing nothing, when the reference exists.
    /// </summary>
    Task<bool> OpenAsync(NewIncident incident, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Links another report to an open incident and counts it. Returns false, changing nothing, when that report is
    /// linked already. Throws <see cref="IncidentNotFoundException"/> for an unknown incident.
    /// </summary>
    Task<bool> LinkReportAsync(string reference, string reportReference, string actor, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The incident, or null.</summary>
    Task<Incident?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>The incident a report opened or was linked to, or null.</summary>
    Task<Incident?> FindByReportAsync(string reportReference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open or allocated incidents a new report might repeat (see <see cref="NearbyIncidentQuery"/>), each with its
    /// <see cref="Incident.TextVector"/> when one was kept.
    /// </summary>
    Task<IReadOnlyList<Incident>> FindNearbyAsync(NearbyIncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many open or allocated incidents each person of a team holds (people holding none are absent).</summary>
    Task<IReadOnlyDictionary<string, int>> OpenCountsByAssigneeAsync(string team, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open or allocated incidents, soonest deadline first; of one team when <paramref name="team"/> is given, and only
    /// those due by <paramref name="deadlineBy"/> when it is given.
    /// </summary>
    Task<IReadOnlyList<Incident>> ListOpenAsync(string? team, DateTimeOffset? deadlineBy, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives an incident to a team and person (null: the team's queue), with a new deadline; audited. The state becomes
    /// <see cref="IncidentState.Allocated"/> with a person, <see cref="IncidentState.Open"/> without, checked by
    /// <see cref="IncidentTransitions"/> (an Open incident moved to another team's queue stays Open: no state change, no
    /// check). Throws <see cref="IncidentNotFoundException"/> for an unknown incident.
    /// </summary>
    Task AllocateAsync(string reference, string team, string? assignee, DateTimeOffset deadline, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves an incident to <paramref name="to"/>, checked by <see cref="IncidentTransitions"/>; throws
    /// <see cref="InvalidIncidentTransitionException"/> when not allowed, <see cref="IncidentNotFoundException"/> for an
    /// unknown incident. A move to <see cref="IncidentState.Open"/> lets go of the assignee (Open: no one person holds it);
    /// <see cref="IncidentState.Allocated"/> needs a person, so it is <see cref="AllocateAsync"/>'s (ArgumentException here).
    /// </summary>
    Task TransitionAsync(string reference, IncidentState to, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Open or allocated incidents not yet escalated whose deadline is at or before <paramref name="deadlineBy"/>.</summary>
    Task<IReadOnlyList<Incident>> DueForEscalationAsync(DateTimeOffset deadlineBy, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks an incident escalated, audited. Returns false, changing nothing, when it was escalated already. Throws
    /// <see cref="IncidentNotFoundException"/> for an unknown incident.
    /// </summary>
    Task<bool> MarkEscalatedAsync(string reference, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The incident's audit trail, oldest first.</summary>
    Task<IReadOnlyList<IncidentAuditEntry>> AuditAsync(string reference, CancellationToken cancellationToken = default);
}
