using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;
using Npgsql;
using Xunit.Abstractions;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>The incident queries' plans on PostgreSQL over 100,000 incidents: each served by its partial index.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreIncidentPlanTests(PostgresServer server, ITestOutputHelper output)
{
    private static readonly long Start = StoreHarness.Start.ToUnixTimeMilliseconds();

    [Fact]
    public async Task IncidentQueries_HundredThousandIncidents_PlansUseTheirIndexesWithoutScanningIncidents()
    {
        await using var t = await PostgresHarness.CreateAsync(server);
        // The SQLite plan test's spread: a town of 0.2° by 0.3°, four kind groups, five teams sharing twenty people, a
        // tenth in a team's queue, a fifth finished, deadlines over two weeks.
        t.Execute($$"""
            INSERT INTO incidents (reference, first_report, kind, kind_group, severity, state, team, assignee, area, place_id,
                latitude, longitude, person_id, occurred_at, opened_at, deadline, escalated_at, report_count, summary, text)
            SELECT 'BULK-' || i, 'WI-BULK-' || i, 'kind-' || (i % 12), CASE WHEN i % 4 = 0 THEN 'road-surface' ELSE 'group-' || (i % 4) END, 'normal',
                CASE WHEN i % 5 = 1 THEN 'Closed' WHEN i % 10 = 0 THEN 'Open' ELSE 'Allocated' END,
                CASE WHEN i % 5 = 0 THEN 'roads' ELSE 'team-' || (i % 5) END, CASE WHEN i % 10 = 0 THEN NULL ELSE 'u' || (i % 20) END, 'area-' || (i % 30),
                'street-' || (i % 5000), 51.4 + (i * 7919 % 20000) / 100000.0, -0.25 + (i * 104729 % 30000) / 100000.0,
                CASE WHEN i % 3 = 0 THEN 'P-' || i END,
                {{Start}} - (i % 40) * 86400000, {{Start}} - (i % 40) * 86400000, {{Start}} + (i % 14) * 86400000 - 43200000,
                CASE WHEN i % 7 = 0 THEN {{Start}} END, 1, 'summary', 'text'
            FROM generate_series(1::bigint, 100000) AS i;
            ANALYZE incidents;
            """);
        await using var connection = new NpgsqlConnection(t.ConnectionString);
        await connection.OpenAsync();

        var nearby = await PlanAsync(
            connection,
            PostgresStatements.SelectNearbyIncidents,
            ("kindGroup", "road-surface"), ("since", Start - (30L * 86400000)), ("minLatitude", 51.499), ("maxLatitude", 51.501),
            ("minLongitude", -0.1015), ("maxLongitude", -0.0985), ("placeId", "street-9"), ("personId", "P-1"), ("limit", 50));
        var escalation = await PlanAsync(connection, PostgresStatements.SelectIncidentsDueForEscalation, ("deadlineBy", Start), ("limit", 100));
        var listAll = await PlanAsync(connection, PostgresStatements.ListOpenIncidents, ("deadlineBy", long.MaxValue), ("limit", 100));
        var listTeam = await PlanAsync(connection, PostgresStatements.ListOpenIncidentsOfTeam, ("team", "roads"), ("deadlineBy", long.MaxValue), ("limit", 100));
        var counts = await PlanAsync(connection, PostgresStatements.CountOpenIncidentsByAssignee, ("team", "roads"));
        foreach (var (name, plan) in new[] { ("nearby", nearby), ("escalation", escalation), ("list", listAll), ("team list", listTeam), ("counts", counts) })
        {
            output.WriteLine($"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, plan)}");
        }

        Assert.Contains(nearby, line => line.Contains("ix_incidents_nearby_box", StringComparison.Ordinal));
        Assert.Contains(nearby, line => line.Contains("ix_incidents_nearby_place", StringComparison.Ordinal));
        Assert.Contains(nearby, line => line.Contains("ix_incidents_nearby_person", StringComparison.Ordinal));
        Assert.Contains(escalation, line => line.Contains("ix_incidents_escalation", StringComparison.Ordinal));
        Assert.Contains(listAll, line => line.Contains("ix_incidents_deadline", StringComparison.Ordinal));
        Assert.Contains(listTeam, line => line.Contains("ix_incidents_team_deadline", StringComparison.Ordinal));
        Assert.Contains(counts, line => line.Contains("ix_incidents_team_assignee", StringComparison.Ordinal));
        Assert.All(
            new[] { nearby, escalation, listAll, listTeam, counts },
            plan => Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on incidents", StringComparison.Ordinal)));
    }

    private static async Task<List<string>> PlanAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }
}
