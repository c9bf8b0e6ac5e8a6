using AutomationFleet.Core.Incidents;

namespace AutomationFleet.Storage.Postgres;

/// <content>
/// Incidents (<see cref="IIncidentStore"/>): one row each in <c>incidents</c>, every report in <c>incident_reports</c>,
/// and an append-only <c>incident_audit</c> written in the same transaction as the change it records. Times are the
/// <c>at</c> the caller passes (the moment its decision was made), as in the SQLite store.
/// </content>
public sealed partial class PostgresFleetStore : IIncidentStore
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The first report is already linked to another incident.</exception>
    public Task<bool> OpenAsync(NewIncident incident, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentException.ThrowIfNullOrWhiteSpace(incident.Reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(incident.FirstReport);
        ArgumentException.ThrowIfNullOrWhiteSpace(incident.KindGroup);
        ArgumentException.ThrowIfNullOrWhiteSpace(incident.Team);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(detail);
        var state = IncidentTransitions.AllocationTarget(incident.Assignee);
        var atMs = at.ToUnixTimeMilliseconds();
        return WriteAsync(
            async session =>
            {
                // Checked before the insert so a clash reads as one, not as a constraint error half-way.
                var linkedTo = await session.ScalarAsync<string>(PostgresStatements.SelectReportIncident, new { report = incident.FirstReport });
                if (linkedTo is not null && !string.Equals(linkedTo, incident.Reference, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Report {incident.FirstReport} is already linked to incident {linkedTo}.");
                }

                var inserted = await session.ExecuteAsync(
                    PostgresStatements.InsertIncident,
                    new
                    {
                        reference = incident.Reference,
                        firstReport = incident.FirstReport,
                        kind = incident.Kind,
                        kindGroup = incident.KindGroup,
                        severity = incident.Severity,
                        state = state.ToString(),
                        team = incident.Team,
                        assignee = incident.Assignee,
                        area = incident.Area,
                        placeId = incident.PlaceId,
                        latitude = incident.Latitude,
                        longitude = incident.Longitude,
                        personId = incident.PersonId,
                        occurredAt = incident.OccurredAt.ToUnixTimeMilliseconds(),
                        at = atMs,
                        deadline = incident.Deadline.ToUnixTimeMilliseconds(),
                        summary = incident.Summary,
                        text = incident.Text,
                        textVectorModel = incident.TextVector?.Model,
                        textVector = incident.TextVector?.ToBytes(),
                    }) == 1;
                if (!inserted)
                {
                    return false;
                }

                // Another transaction may have linked the report since the check: refuse the whole open, as SQLite does.
                if (!await LinkReportAsync(session, incident.Reference, incident.FirstReport, atMs))
                {
                    throw new InvalidOperationException($"Report {incident.FirstReport} is already linked to another incident.");
                }

                await InsertIncidentAuditAsync(
                    session, incident.Reference, atMs, actor, IncidentActions.Opened, null, IncidentState.Open, IncidentActions.ReportDetail(incident.FirstReport));
                await InsertIncidentAuditAsync(
                    session, incident.Reference, atMs, actor, IncidentActions.Allocated, IncidentState.Open, state,
                    IncidentActions.AllocationDetail(incident.Team, incident.Assignee, detail));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Links whatever the incident's state: the caller found it active, and a resolve in between should not lose the
    /// report. A report linked to another incident already also returns false.
    /// </remarks>
    public Task<bool> LinkReportAsync(string reference, string reportReference, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportReference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var atMs = at.ToUnixTimeMilliseconds();
        return WriteAsync(
            async session =>
            {
                await RequireIncidentStateAsync(session, reference);
                if (!await LinkReportAsync(session, reference, reportReference, atMs))
                {
                    return false;
                }

                await session.ExecuteAsync(PostgresStatements.CountIncidentReport, new { reference });
                await InsertIncidentAuditAsync(session, reference, atMs, actor, IncidentActions.ReportLinked, null, null, IncidentActions.ReportDetail(reportReference));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.IncidentRow>(PostgresStatements.SelectIncident, new { reference }))?.ToIncident(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> FindByReportAsync(string reportReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportReference);
        return ReadAsync(
            async session => (await session.SingleOrDefaultAsync<PostgresRows.IncidentRow>(
                PostgresStatements.SelectIncidentByReport, new { report = reportReference }))?.ToIncident(),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Some but not all four edges of the box are given.</exception>
    public Task<IReadOnlyList<Incident>> FindNearbyAsync(NearbyIncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.KindGroup);
        var edges = new[] { query.MinLatitude, query.MaxLatitude, query.MinLongitude, query.MaxLongitude };
        if (edges.Any(e => e is null) && edges.Any(e => e is not null))
        {
            throw new ArgumentException("A box needs all four edges, or none when the report has no coordinates.", nameof(query));
        }

        if (query.Limit < 1)
        {
            return Task.FromResult<IReadOnlyList<Incident>>([]);
        }

        return IncidentsAsync(
            PostgresStatements.SelectNearbyIncidents,
            new
            {
                kindGroup = query.KindGroup,
                since = query.Since.ToUnixTimeMilliseconds(),
                minLatitude = query.MinLatitude,
                maxLatitude = query.MaxLatitude,
                minLongitude = query.MinLongitude,
                maxLongitude = query.MaxLongitude,
                placeId = query.PlaceId,
                personId = query.PersonId,
                limit = query.Limit,
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> OpenCountsByAssigneeAsync(string team, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        return ReadAsync<IReadOnlyDictionary<string, int>>(
            async session => (await session.QueryAsync<(string Assignee, long Count)>(PostgresStatements.CountOpenIncidentsByAssignee, new { team }))
                .ToDictionary(row => row.Assignee, row => (int)row.Count, StringComparer.Ordinal),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListOpenAsync(string? team, DateTimeOffset? deadlineBy, int limit, CancellationToken cancellationToken)
    {
        if (limit < 1)
        {
            return Task.FromResult<IReadOnlyList<Incident>>([]);
        }

        // Two statements rather than "@team IS NULL OR team = @team", so each has a plan that uses its index.
        return IncidentsAsync(
            team is null ? PostgresStatements.ListOpenIncidents : PostgresStatements.ListOpenIncidentsOfTeam,
            new { team, deadlineBy = deadlineBy?.ToUnixTimeMilliseconds() ?? long.MaxValue, limit },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>As in the SQLite store: Allocated with an assignee, else Open; Open → Open (another team's queue) is not a state change.</remarks>
    /// <exception cref="IncidentNotFoundException">No incident has the reference.</exception>
    /// <exception cref="InvalidIncidentTransitionException">The move is not allowed from the incident's state.</exception>
    public Task AllocateAsync(
        string reference, string team, string? assignee, DateTimeOffset deadline, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(detail);
        var to = IncidentTransitions.AllocationTarget(assignee);
        var atMs = at.ToUnixTimeMilliseconds();
        return WriteAsync(
            async session =>
            {
                var from = await RequireIncidentStateAsync(session, reference);
                IncidentTransitions.EnsureAllocation(reference, from, to);
                await session.ExecuteAsync(
                    PostgresStatements.AllocateIncident,
                    new { team, assignee, deadline = deadline.ToUnixTimeMilliseconds(), state = to.ToString(), reference });
                return await InsertIncidentAuditAsync(
                    session, reference, atMs, actor, IncidentActions.Allocated, from, to, IncidentActions.AllocationDetail(team, assignee, detail));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A move to Open lets go of the assignee; Allocated needs a person (use <see cref="AllocateAsync"/>).</remarks>
    /// <exception cref="IncidentNotFoundException">No incident has the reference.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is Allocated, or not a state.</exception>
    public Task TransitionAsync(string reference, IncidentState to, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(detail);
        IncidentTransitions.EnsureDirectTarget(to);

        var atMs = at.ToUnixTimeMilliseconds();
        return WriteAsync(
            async session =>
            {
                var from = await RequireIncidentStateAsync(session, reference);
                IncidentTransitions.Ensure(reference, from, to);
                await session.ExecuteAsync(PostgresStatements.SetIncidentState, new { state = to.ToString(), reference });
                return await InsertIncidentAuditAsync(session, reference, atMs, actor, IncidentActions.StateChanged, from, to, detail);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> DueForEscalationAsync(DateTimeOffset deadlineBy, int limit, CancellationToken cancellationToken)
    {
        if (limit < 1)
        {
            return Task.FromResult<IReadOnlyList<Incident>>([]);
        }

        return IncidentsAsync(
            PostgresStatements.SelectIncidentsDueForEscalation, new { deadlineBy = deadlineBy.ToUnixTimeMilliseconds(), limit }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="IncidentNotFoundException">No incident has the reference.</exception>
    public Task<bool> MarkEscalatedAsync(string reference, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(detail);
        var atMs = at.ToUnixTimeMilliseconds();
        return WriteAsync(
            async session =>
            {
                await RequireIncidentStateAsync(session, reference);
                if (await session.ExecuteAsync(PostgresStatements.MarkIncidentEscalated, new { at = atMs, reference }) == 0)
                {
                    return false;
                }

                await InsertIncidentAuditAsync(session, reference, atMs, actor, IncidentActions.Escalated, null, null, detail);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentAuditEntry>> AuditAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return ReadAsync<IReadOnlyList<IncidentAuditEntry>>(
            async session => (await session.QueryAsync<PostgresRows.IncidentAuditRow>(PostgresStatements.SelectIncidentAudit, new { reference }))
                .Select(row => row.ToEntry())
                .ToList(),
            cancellationToken);
    }

    private Task<IReadOnlyList<Incident>> IncidentsAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Incident>>(
            async session => (await session.QueryAsync<PostgresRows.IncidentRow>(sql, parameters)).Select(row => row.ToIncident()).ToList(),
            cancellationToken);

    /// <summary>The incident's state, its row locked until the transaction ends; throws when there is no such incident.</summary>
    private static async Task<IncidentState> RequireIncidentStateAsync(Session session, string reference) =>
        await session.ScalarAsync<string>(PostgresStatements.LockIncidentState, new { reference }) is { } state
            ? PostgresRows.IncidentStateName(state)
            : throw new IncidentNotFoundException(reference);

    /// <summary>Links a report; false when it is linked already (to this or another incident).</summary>
    private static async Task<bool> LinkReportAsync(Session session, string reference, string reportReference, long at) =>
        await session.ExecuteAsync(PostgresStatements.InsertIncidentReport, new { report = reportReference, reference, at }) == 1;

    private static Task<int> InsertIncidentAuditAsync(
        Session session, string reference, long at, string actor, string action, IncidentState? from, IncidentState? to, string detail) =>
        session.ExecuteAsync(
            PostgresStatements.InsertIncidentAudit,
            new { reference, at, actor, action, from = from?.ToString(), to = to?.ToString(), detail });
}
