using AutomationFleet.Core.Incidents;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

/// <content>
/// Incidents (<see cref="IIncidentStore"/>): one row each in <c>incidents</c>, every report in <c>incident_reports</c>,
/// and an append-only <c>incident_audit</c> written in the same transaction as the change it records. Times are the
/// <c>at</c> the caller passes (the moment its decision was made), stored as unix milliseconds like every other time.
/// </content>
public sealed partial class SqliteFleetStore : IIncidentStore
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
            _ =>
            {
                // Checked before the insert so a clash reads as one, not as a constraint error half-way.
                if (ReportIncident(incident.FirstReport) is { } linkedTo && !string.Equals(linkedTo, incident.Reference, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Report {incident.FirstReport} is already linked to incident {linkedTo}.");
                }

                var inserted = WriteCommand(SqliteStatements.InsertIncident)
                    .Bind("$reference", incident.Reference)
                    .Bind("$firstReport", incident.FirstReport)
                    .Bind("$kind", incident.Kind)
                    .Bind("$kindGroup", incident.KindGroup)
                    .Bind("$severity", incident.Severity)
                    .Bind("$state", state.ToString())
                    .Bind("$team", incident.Team)
                    .Bind("$assignee", incident.Assignee)
                    .Bind("$area", incident.Area)
                    .Bind("$placeId", incident.PlaceId)
                    .Bind("$latitude", incident.Latitude)
                    .Bind("$longitude", incident.Longitude)
                    .Bind("$personId", incident.PersonId)
                    .Bind("$occurredAt", incident.OccurredAt.ToUnixTimeMilliseconds())
                    .Bind("$at", atMs)
                    .Bind("$deadline", incident.Deadline.ToUnixTimeMilliseconds())
                    .Bind("$summary", incident.Summary)
                    .Bind("$text", incident.Text)
                    .Bind("$textVectorModel", incident.TextVector?.Model)
                    .Bind("$textVector", incident.TextVector?.ToBytes())
                    .ExecuteNonQuery() == 1;
                if (!inserted)
                {
                    return false;
                }

                LinkReport(incident.Reference, incident.FirstReport, atMs);
                InsertIncidentAudit(incident.Reference, atMs, actor, IncidentActions.Opened, null, IncidentState.Open, IncidentActions.ReportDetail(incident.FirstReport));
                InsertIncidentAudit(
                    incident.Reference, atMs, actor, IncidentActions.Allocated, IncidentState.Open, state,
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
            _ =>
            {
                RequireIncidentState(reference);
                if (!LinkReport(reference, reportReference, atMs))
                {
                    return false;
                }

                WriteCommand(SqliteStatements.CountIncidentReport).Bind("$reference", reference).ExecuteNonQuery();
                InsertIncidentAudit(reference, atMs, actor, IncidentActions.ReportLinked, null, null, IncidentActions.ReportDetail(reportReference));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return ReadAsync(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectIncident).Bind("$reference", reference);
                return ReadIncidents(command).FirstOrDefault();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> FindByReportAsync(string reportReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportReference);
        return ReadAsync(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectIncidentByReport).Bind("$report", reportReference);
                return ReadIncidents(command).FirstOrDefault();
            },
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

        return ReadAsync<IReadOnlyList<Incident>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectNearbyIncidents)
                    .Bind("$kindGroup", query.KindGroup)
                    .Bind("$since", query.Since.ToUnixTimeMilliseconds())
                    .Bind("$minLatitude", query.MinLatitude)
                    .Bind("$maxLatitude", query.MaxLatitude)
                    .Bind("$minLongitude", query.MinLongitude)
                    .Bind("$maxLongitude", query.MaxLongitude)
                    .Bind("$placeId", query.PlaceId)
                    .Bind("$personId", query.PersonId)
                    .Bind("$limit", query.Limit);
                return ReadIncidents(command);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> OpenCountsByAssigneeAsync(string team, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(team);
        return ReadAsync<IReadOnlyDictionary<string, int>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.CountOpenIncidentsByAssignee).Bind("$team", team);
                using var reader = command.ExecuteReader();
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    counts[reader.GetString(0)] = reader.GetInt32(1);
                }

                return counts;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListOpenAsync(string? team, DateTimeOffset? deadlineBy, int limit, CancellationToken cancellationToken)
    {
        if (limit < 1)
        {
            return Task.FromResult<IReadOnlyList<Incident>>([]);
        }

        return ReadAsync<IReadOnlyList<Incident>>(
            (connection, _) =>
            {
                // Two statements rather than "$team IS NULL OR team = $team", which would keep SQLite off the team index.
                using var command = ReadCommand(connection, team is null ? SqliteStatements.ListOpenIncidents : SqliteStatements.ListOpenIncidentsOfTeam)
                    .Bind("$deadlineBy", deadlineBy?.ToUnixTimeMilliseconds() ?? long.MaxValue)
                    .Bind("$limit", limit);
                if (team is not null)
                {
                    command.Bind("$team", team);
                }

                return ReadIncidents(command);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The new state is <see cref="IncidentState.Allocated"/> with an assignee, else <see cref="IncidentState.Open"/>.
    /// Giving an open incident to another team's queue leaves it Open: not a state change, so no transition is checked
    /// (<see cref="IncidentTransitions"/> lists no Open → Open). Every other allocation is checked, so a resolved or
    /// closed incident cannot be allocated unless the table allows it. The escalation mark stays: escalation happens once.
    /// </remarks>
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
            _ =>
            {
                var from = RequireIncidentState(reference);
                IncidentTransitions.EnsureAllocation(reference, from, to);

                WriteCommand(SqliteStatements.AllocateIncident)
                    .Bind("$team", team)
                    .Bind("$assignee", assignee)
                    .Bind("$deadline", deadline.ToUnixTimeMilliseconds())
                    .Bind("$state", to.ToString())
                    .Bind("$reference", reference)
                    .ExecuteNonQuery();
                InsertIncidentAudit(reference, atMs, actor, IncidentActions.Allocated, from, to, IncidentActions.AllocationDetail(team, assignee, detail));
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A move to <see cref="IncidentState.Open"/> (back to the team's queue, or reopened) lets go of the assignee, since
    /// Open means no one person holds it. <see cref="IncidentState.Allocated"/> needs a person: use
    /// <see cref="AllocateAsync"/>.
    /// </remarks>
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
            _ =>
            {
                var from = RequireIncidentState(reference);
                IncidentTransitions.Ensure(reference, from, to);
                WriteCommand(SqliteStatements.SetIncidentState).Bind("$state", to.ToString()).Bind("$reference", reference).ExecuteNonQuery();
                InsertIncidentAudit(reference, atMs, actor, IncidentActions.StateChanged, from, to, detail);
                return true;
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

        return ReadAsync<IReadOnlyList<Incident>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectIncidentsDueForEscalation)
                    .Bind("$deadlineBy", deadlineBy.ToUnixTimeMilliseconds())
                    .Bind("$limit", limit);
                return ReadIncidents(command);
            },
            cancellationToken);
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
            _ =>
            {
                RequireIncidentState(reference);
                if (WriteCommand(SqliteStatements.MarkIncidentEscalated).Bind("$at", atMs).Bind("$reference", reference).ExecuteNonQuery() == 0)
                {
                    return false;
                }

                InsertIncidentAudit(reference, atMs, actor, IncidentActions.Escalated, null, null, detail);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IncidentAuditEntry>> AuditAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return ReadAsync<IReadOnlyList<IncidentAuditEntry>>(
            (connection, _) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.SelectIncidentAudit).Bind("$reference", reference);
                using var reader = command.ExecuteReader();
                var entries = new List<IncidentAuditEntry>();
                while (reader.Read())
                {
                    entries.Add(new IncidentAuditEntry(
                        reader.GetString(0),
                        reader.GetTime(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        ParseNullableState(reader.GetNullableString(4)),
                        ParseNullableState(reader.GetNullableString(5)),
                        reader.GetString(6)));
                }

                return entries;
            },
            cancellationToken);
    }

    /// <summary>The incident's state; throws when there is no such incident. Write lock held.</summary>
    private IncidentState RequireIncidentState(string reference)
    {
        using var reader = WriteCommand(SqliteStatements.SelectIncidentState).Bind("$reference", reference).ExecuteReader();
        return reader.Read() ? ParseState(reader.GetString(0)) : throw new IncidentNotFoundException(reference);
    }

    /// <summary>The incident a report is linked to, or null. Write lock held.</summary>
    private string? ReportIncident(string reportReference)
    {
        using var reader = WriteCommand(SqliteStatements.SelectReportIncident).Bind("$report", reportReference).ExecuteReader();
        return reader.Read() ? reader.GetString(0) : null;
    }

    /// <summary>Links a report; false when it is linked already (to this or another incident). Write lock held.</summary>
    private bool LinkReport(string reference, string reportReference, long at) =>
        WriteCommand(SqliteStatements.InsertIncidentReport)
            .Bind("$report", reportReference)
            .Bind("$reference", reference)
            .Bind("$at", at)
            .ExecuteNonQuery() == 1;

    private void InsertIncidentAudit(string reference, long at, string actor, string action, IncidentState? from, IncidentState? to, string detail) =>
        WriteCommand(SqliteStatements.InsertIncidentAudit)
            .Bind("$reference", reference)
            .Bind("$at", at)
            .Bind("$actor", actor)
            .Bind("$action", action)
            .Bind("$from", from?.ToString())
            .Bind("$to", to?.ToString())
            .Bind("$detail", detail)
            .ExecuteNonQuery();

    private static IncidentState ParseState(string value) => Enum.Parse<IncidentState>(value, ignoreCase: false);

    private static IncidentState? ParseNullableState(string? value) => value is null ? null : ParseState(value);

    private static List<Incident> ReadIncidents(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var incidents = new List<Incident>();
        while (reader.Read())
        {
            incidents.Add(new Incident(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                ParseState(reader.GetString(5)),
                reader.GetString(6),
                reader.GetNullableString(7),
                reader.GetNullableString(8),
                reader.GetNullableString(9),
                reader.GetNullableDouble(10),
                reader.GetNullableDouble(11),
                reader.GetNullableString(12),
                reader.GetTime(13),
                reader.GetTime(14),
                reader.GetTime(15),
                reader.GetNullableTime(16),
                reader.GetInt32(17),
                reader.GetString(18),
                reader.GetString(19),
                reader.FieldCount > 21 && !reader.IsDBNull(20) && !reader.IsDBNull(21)
                    ? IncidentTextVector.FromStored(reader.GetString(20), (byte[])reader.GetValue(21))
                    : null));
        }

        return incidents;
    }
}
