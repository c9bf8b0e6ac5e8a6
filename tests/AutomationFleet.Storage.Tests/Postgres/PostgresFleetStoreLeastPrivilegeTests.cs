using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.Workers;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Tests.Contracts;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>
/// The store run as a login granted only <c>fleet_app</c>, the schema upgraded by its owner
/// (<c>Store:MigrationConnectionString</c>): every contract works, and the account can change no schema and no audit row.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresFleetStoreLeastPrivilegeTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EveryContract_LoginGrantedFleetAppOnly_WorksButMayChangeNoSchemaNorAuditRow()
    {
        var owner = await server.CreateDatabaseAsync(migrated: false);
        var login = "fleet_worker_" + Guid.NewGuid().ToString("N")[..8];
        Execute(server.ConnectionString("postgres"), $$"""
            DO $body$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fleet_app') THEN CREATE ROLE fleet_app NOLOGIN; END IF;
            END $body$;
            CREATE ROLE {{login}} LOGIN IN ROLE fleet_app;
            """);
        var restricted = new NpgsqlConnectionStringBuilder(owner) { Username = login }.ConnectionString;
        var time = new FakeTimeProvider(StoreHarness.Start);

        await using (var store = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = restricted, MigrationConnectionString = owner }, time))
        {
            await store.InitializeAsync(None);
            await UseEveryContractAsync(store, time);
        }

        // Audit rows past their retention go only through the purge function, which the worker may call.
        Execute(owner, "INSERT INTO audit_log (item_id, reference, at, actor, from_state, to_state, reason) SELECT id, reference, 1514764800000, 'old', NULL, 0, 'old' FROM work_items WHERE reference = 'LP-1';");
        Execute(owner, "INSERT INTO security_audit (at, actor, action, target, detail) VALUES (1514764800000, 'old', 'old', 'old', 'old');");
        await using (var purging = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = restricted }, time))
        {
            var purged = await purging.PurgeAuditTrailAsync(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), "system:retention-purge", None);
            Assert.Equal(new AuditTrailPurge(1, 1, 0), purged);
            Assert.Single(await purging.ListSecurityEventsAsync("retention:audit-trail", 10, None));
        }

        // On an up-to-date database the restricted account alone starts too: nothing to upgrade, the grants are skipped.
        await using (var alone = new PostgresFleetStore(new PostgresStoreOptions { ConnectionString = restricted }, time))
        {
            await alone.InitializeAsync(None);
            Assert.NotNull(await alone.FindAsync("LP-1", None));
        }

        foreach (var sql in new[]
        {
            "DELETE FROM audit_log", "UPDATE security_audit SET actor = 'x'", "DELETE FROM incident_audit", "DELETE FROM work_items",
            "CREATE TABLE intruder (x int)", "DROP TABLE side_effects", "ALTER TABLE users ADD COLUMN x int",
            // The purge function's own bound, set by hand, lends the worker no DELETE.
            "SELECT set_config('fleet.audit_purge_before', '99999999999999', false); DELETE FROM audit_log",
            // The purge function refuses a bound within a year of the database's clock, whoever asks.
            "SELECT * FROM purge_audit_trail((extract(epoch FROM now()) * 1000)::bigint)",
        })
        {
            var error = Assert.Throws<PostgresException>(() => Execute(restricted, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    private static async Task UseEveryContractAsync(PostgresFleetStore store, FakeTimeProvider time)
    {
        var item = (await store.EnqueueAsync(new NewWorkItem("q", "LP-1", "{}"), "test", None)).Item;
        Assert.Single(await store.LeaseAsync("q", "w1", 1, TimeSpan.FromMinutes(5), None));
        Assert.Empty(await store.RenewLeasesAsync([item.Id], "w1", TimeSpan.FromMinutes(5), None));
        await store.RecordOutcomeAsync(item.Id, "w1", new ItemOutcome("{\"category\":\"c\"}", 0.5, "bot"), None);
        await store.SendToReviewAsync(item.Id, "w1", new ReviewRequest("bot", "c", "{}", 0.5, "{}", ["low"], Urgent: false), None);
        await store.AddUserAsync("ada", "hash", UserRole.Administrator, "cli", None);
        await store.GrantQueueAsync("ada", "q", "cli", None);
        Assert.Equal(SignInAttempt.Allowed, await store.BeginSignInAttemptAsync("ada", 5, TimeSpan.FromMinutes(15), None));
        await store.RecordSignInAsync("ada", None);
        await store.EndSessionsAsync("ada", "ada", "sign-out", None);
        await store.EnrolTotpAsync("ada", "JBSWY3DPEHPK3PXP", ["h1", "h2"], "ada", None);
        await store.EnrolTotpAsync("ada", "JBSWY3DPEHPK3PXP", ["h3"], "ada", None);
        Assert.True(await store.TryUseTotpStepAsync("ada", 100, None));
        Assert.True(await store.TryUseRecoveryCodeAsync("ada", "h3", None));
        Assert.Equal(new ExternalIdentity("https://idp", "s-1"), await store.BindExternalIdentityAsync("ada", new ExternalIdentity("https://idp", "s-1"), None));
        await store.ClaimAsync(item.Id, "ada", TimeSpan.FromMinutes(10), None);
        await store.DecideAsync(item.Id, "ada", new ReviewDecision(ReviewDecisionKind.Correct, "wrong", "{\"category\":\"d\"}", "d"), None);
        Assert.Single(await store.LeaseAsync("q", "w1", 1, TimeSpan.FromMinutes(5), None));
        await store.BeginAsync("LP-1#note", item.Id, "note", isIdempotent: true, None);
        await store.BeginAsync("LP-1#mail", item.Id, "mail", isIdempotent: false, None);
        await store.CompleteAsync("LP-1#mail", "{}", None);
        await store.AbandonAsync("LP-1#note", None);
        Assert.Single(await ((ISideEffectLedger)store).ListAsync(item.Id, None));
        await store.CompleteAsync(item.Id, "w1", "delivered", None);
        await store.HeartbeatAsync(new WorkerHeartbeat("w1", "host", 1, ["q"], 0), None);
        await store.MarkStoppedAsync("w1", None);
        await store.SetThresholdOverrideAsync("bot", "c", 0.9, "ada", "measured", None);
        await store.ClearThresholdOverrideAsync("bot", "c", "ada", "undo", None);
        Assert.True((await store.PauseBotAsync("bot", "ada", "outage", None)).Changed);
        Assert.Single(await store.ListBotPausesAsync(None));
        Assert.NotNull(await store.ResumeBotAsync("bot", "ada", "fixed", None));
        await store.EnqueueAsync(new NewWorkItem("q", "LP-2", "{}"), "test", None);
        Assert.Equal(WorkItemState.Cancelled, (await store.CancelAsync("LP-2", "admin:ada", "sent twice", None)).State);
        var incident = new NewIncident(
            "INC-1", "WI-1", "pothole", "road", "urgent", "roads", "u1", null, "street-1", 51.5, -0.1, null,
            time.GetUtcNow(), time.GetUtcNow().AddDays(1), "summary", "text");
        Assert.True(await store.OpenAsync(incident, "bot", "rule", time.GetUtcNow(), None));
        Assert.True(await store.LinkReportAsync("INC-1", "WI-2", "bot", time.GetUtcNow(), None));
        Assert.True(await store.MarkEscalatedAsync("INC-1", "bot", "late", time.GetUtcNow(), None));
        await store.TransitionAsync("INC-1", IncidentState.Resolved, "u1", "filled", time.GetUtcNow(), None);

        Assert.Equal(1, (await store.GetStraightThroughAsync(TimeSpan.FromHours(1), None)).Sum(rate => rate.ViaReview));
        Assert.Single(await store.GetLabelledExamplesAsync("bot", None));
        Assert.NotEmpty(await store.ListSecurityEventsAsync(null, 10, None));
        Assert.Single(await store.ListAsync(TimeSpan.FromMinutes(1), None));
        Assert.Equal(4, (await store.AuditAsync("INC-1", None)).Count(entry => entry.Action != IncidentActions.ReportLinked));
        Assert.Equal(0, (await store.GetReviewBacklogAsync(TimeSpan.FromHours(4), None)).Open);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
