using AutomationFleet.Storage.Sqlite;
using AutomationFleet.Storage.Tests.Contracts;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Tests.Sqlite;

/// <summary>The incident contract on SQLite, its migration from version 4, and its query plans over 100,000 open incidents.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFleetStoreIncidentTests : IncidentStoreContractTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected override async Task<StoreHarness> CreateStoreAsync() => await SqliteHarness.CreateAsync();

    [Fact]
    public async Task InitializeAsync_VersionFourFile_MigratesAddingIncidentTables()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.SetThresholdOverrideAsync("inbound-post", null, 0.9, "ada", "kept", None);
        await t.Store.DisposeAsync();
        using (var connection = t.OpenRaw())
        {
            using var command = connection.CreateCommand();
            // The version-4 shape: no incident tables (their indexes and triggers go with them), none of the later steps' tables or columns.
            command.CommandText = """
                DROP TABLE update_opt_outs; DROP TABLE update_sends; DROP INDEX ix_work_items_retention; ALTER TABLE work_items DROP COLUMN redacted_at; DROP TABLE bot_pauses;
                DROP TABLE incident_audit; DROP TABLE incident_reports; DROP TABLE incidents;
                ALTER TABLE users DROP COLUMN session_stamp; ALTER TABLE users DROP COLUMN external_issuer; ALTER TABLE users DROP COLUMN external_subject;
                ALTER TABLE users DROP COLUMN totp_secret; ALTER TABLE users DROP COLUMN totp_last_step; DROP TABLE user_recovery_codes;
                DELETE FROM schema_version; INSERT INTO schema_version (version, applied_at) VALUES (4, 0);
                """;
            command.ExecuteNonQuery();
        }

        Assert.Equal(0, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%incident%'"));
        await using var reopened = new SqliteFleetStore(t.Options, t.Time);
        await reopened.InitializeAsync(None);
        await reopened.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        Assert.Equal(SqliteSchema.CurrentVersion, t.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Contains(SqliteSchema.Migrations, step => step.Version == 5 && step.Script == SqliteSchema.CreateIncidents);
        Assert.Equal(1, t.Scalar("SELECT COUNT(*) FROM schema_version WHERE version = 5"));
        Assert.Equal(7, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_incidents_%'"));
        Assert.Equal(2, t.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'incident_audit_%'"));
        Assert.Equal("INC-1", (await reopened.FindByReportAsync("WI-INC-1", None))!.Reference);
        Assert.Single(await reopened.ListThresholdOverridesAsync(None));
    }

    [Fact]
    public async Task IncidentQueries_HundredThousandOpenIncidents_PlansUseIndexesWithoutScanningIncidents()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.OpenAsync(New("INC-0", assignee: "u0"), Bot, "rule", At, None);
        using var connection = t.OpenRaw();
        InsertOpenIncidents(connection, 100_000);
        Assert.Equal(100_001, t.Scalar("SELECT COUNT(*) FROM incidents WHERE state IN ('Open', 'Allocated')"));

        var nearby = Plan(
            connection,
            SqliteStatements.SelectNearbyIncidents,
            ("$kindGroup", "road-surface"), ("$since", At.AddDays(-30).ToUnixTimeMilliseconds()),
            ("$minLatitude", Lat - 0.002), ("$maxLatitude", Lat + 0.002), ("$minLongitude", Lon - 0.003), ("$maxLongitude", Lon + 0.003),
            ("$placeId", "street-9"), ("$personId", "P-1"), ("$limit", 50));
        var counts = Plan(connection, SqliteStatements.CountOpenIncidentsByAssignee, ("$team", "roads"));
        var escalation = Plan(connection, SqliteStatements.SelectIncidentsDueForEscalation, ("$deadlineBy", At.ToUnixTimeMilliseconds()), ("$limit", 100));
        var listAll = Plan(connection, SqliteStatements.ListOpenIncidents, ("$deadlineBy", long.MaxValue), ("$limit", 100));
        var listTeam = Plan(connection, SqliteStatements.ListOpenIncidentsOfTeam, ("$team", "roads"), ("$deadlineBy", long.MaxValue), ("$limit", 100));

        Assert.All([nearby, counts, escalation, listAll, listTeam], plan => Assert.DoesNotContain(plan, line => line.Contains("SCAN incidents", StringComparison.Ordinal)));
        Assert.Contains(nearby, line => line.Contains("ix_incidents_nearby_box", StringComparison.Ordinal));
        Assert.Contains(nearby, line => line.Contains("ix_incidents_nearby_place", StringComparison.Ordinal));
        Assert.Contains(nearby, line => line.Contains("ix_incidents_nearby_person", StringComparison.Ordinal));
        Assert.Contains(counts, line => line.Contains("COVERING INDEX ix_incidents_team_assignee", StringComparison.Ordinal));
        Assert.Contains(escalation, line => line.Contains("ix_incidents_escalation", StringComparison.Ordinal));
        Assert.Contains(listAll, line => line.Contains("ix_incidents_deadline", StringComparison.Ordinal));
        Assert.Contains(listTeam, line => line.Contains("ix_incidents_team_deadline", StringComparison.Ordinal));
        Assert.All([counts, escalation, listAll, listTeam], plan => Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal)));

        var found = await t.Store.FindNearbyAsync(Box(At.AddDays(-30)) with { PlaceId = "street-9", PersonId = "P-1" }, None);
        Assert.Contains(found, i => i.Reference == "INC-0");
        Assert.All(found, i => Assert.Equal("road-surface", i.KindGroup));
    }

    /// <summary>
    /// Open incidents spread over a town (about 0.2° by 0.3°), four kind groups (one the tests' own), five teams (one the tests' own) sharing twenty people, a tenth in
    /// a team's queue, deadlines over two weeks: one statement, one transaction.
    /// </summary>
    private static void InsertOpenIncidents(SqliteConnection connection, int count)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO incidents (reference, first_report, kind, kind_group, severity, state, team, assignee, area, place_id,
                latitude, longitude, person_id, occurred_at, opened_at, deadline, escalated_at, report_count, summary, text)
            SELECT 'BULK-' || i, 'WI-BULK-' || i, 'kind-' || (i % 12), CASE WHEN i % 4 = 0 THEN 'road-surface' ELSE 'group-' || (i % 4) END, 'normal',
                CASE WHEN i % 10 = 0 THEN 'Open' ELSE 'Allocated' END,
                CASE WHEN i % 5 = 0 THEN 'roads' ELSE 'team-' || (i % 5) END, CASE WHEN i % 10 = 0 THEN NULL ELSE 'u' || (i % 20) END, 'area-' || (i % 30),
                'street-' || (i % 5000), 51.4 + (i * 7919 % 20000) / 100000.0, -0.25 + (i * 104729 % 30000) / 100000.0,
                CASE WHEN i % 3 = 0 THEN 'P-' || i END,
                $start - (i % 40) * 86400000, $start - (i % 40) * 86400000, $start + (i % 14) * 86400000 - 43200000,
                CASE WHEN i % 7 = 0 THEN $start END, 1, 'summary', 'text'
            FROM n;
            """;
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$start", At.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    private static List<string> Plan(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
