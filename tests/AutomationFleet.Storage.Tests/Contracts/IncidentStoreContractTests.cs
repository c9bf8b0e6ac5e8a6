using System.Data.Common;
using AutomationFleet.Core.Incidents;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary><see cref="IIncidentStore"/>'s contract, run against every store by a subclass per store.</summary>
public abstract class IncidentStoreContractTests
{
    protected const string Bot = "incident-report";
    protected const double Lat = 51.5;
    protected const double Lon = -0.1;
    protected static readonly DateTimeOffset At = StoreHarness.Start;
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A fresh, empty store on the harness's fake clock.</summary>
    protected abstract Task<StoreHarness> CreateStoreAsync();

    [Fact]
    public async Task OpenAsync_NewWithAssignee_StoredAllocatedWithOpenedAndAllocatedAudit()
    {
        await using var t = await CreateStoreAsync();

        var opened = await t.Incidents.OpenAsync(New("INC-1", assignee: "u17"), Bot, "rule pothole-roads", At, None);

        Assert.True(opened);
        var incident = await t.Incidents.GetAsync("INC-1", None);
        Assert.Equal(
            new Incident(
                "INC-1", "WI-INC-1", "pothole", "road-surface", "urgent", IncidentState.Allocated, "roads", "u17", "North", "street-9",
                Lat, Lon, "P-1", At.AddHours(-2), At, At.AddDays(2), null, 1, "Pothole on a street", "A deep hole by the bus stop"),
            incident);
        var audit = await t.Incidents.AuditAsync("INC-1", None);
        Assert.Equal(
            [
                new IncidentAuditEntry("INC-1", At, Bot, IncidentActions.Opened, null, IncidentState.Open, "report WI-INC-1"),
                new IncidentAuditEntry(
                    "INC-1", At, Bot, IncidentActions.Allocated, IncidentState.Open, IncidentState.Allocated, "team roads, assignee u17; rule pothole-roads"),
            ],
            audit);
    }

    [Fact]
    public async Task OpenAsync_WithoutAssignee_StoredOpenInTeamQueue()
    {
        await using var t = await CreateStoreAsync();

        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        var incident = (await t.Incidents.GetAsync("INC-1", None))!;
        Assert.Equal((IncidentState.Open, null), (incident.State, incident.Assignee));
        Assert.Equal("team roads, queue; rule", (await t.Incidents.AuditAsync("INC-1", None))[1].Detail);
    }

    [Fact]
    public async Task OpenAsync_SameReferenceTwice_SecondFalseAndNothingChanged()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        var again = await t.Incidents.OpenAsync(New("INC-1", team: "parks", assignee: "u2") with { Summary = "changed" }, Bot, "rule", At.AddMinutes(1), None);

        Assert.False(again);
        var incident = (await t.Incidents.GetAsync("INC-1", None))!;
        Assert.Equal(("roads", null, "Pothole on a street", At, 1), (incident.Team, incident.Assignee, incident.Summary, incident.OpenedAt, incident.ReportCount));
        Assert.Equal(2, (await t.Incidents.AuditAsync("INC-1", None)).Count);
    }

    [Fact]
    public async Task OpenAsync_FirstReportLinkedToAnotherIncident_Throws()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);
        await t.Incidents.LinkReportAsync("INC-1", "WI-X", Bot, At, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => t.Incidents.OpenAsync(New("INC-2") with { FirstReport = "WI-X" }, Bot, "rule", At, None));

        Assert.Null(await t.Incidents.GetAsync("INC-2", None));
    }

    [Fact]
    public async Task GetAsync_UnknownReference_Null()
    {
        await using var t = await CreateStoreAsync();

        Assert.Null(await t.Incidents.GetAsync("INC-404", None));
    }

    [Fact]
    public async Task LinkReportAsync_NewThenSameReportAgain_CountedOnceAndAuditedOnce()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        var first = await t.Incidents.LinkReportAsync("INC-1", "WI-2", Bot, At.AddMinutes(5), None);
        var second = await t.Incidents.LinkReportAsync("INC-1", "WI-2", Bot, At.AddMinutes(6), None);
        var third = await t.Incidents.LinkReportAsync("INC-1", "WI-3", Bot, At.AddMinutes(7), None);

        Assert.Equal((true, false, true), (first, second, third));
        Assert.Equal(3, (await t.Incidents.GetAsync("INC-1", None))!.ReportCount);
        var linked = (await t.Incidents.AuditAsync("INC-1", None)).Where(e => e.Action == IncidentActions.ReportLinked).ToList();
        Assert.Equal(["report WI-2", "report WI-3"], linked.Select(e => e.Detail));
        Assert.Equal(At.AddMinutes(5), linked[0].At);
        Assert.All(linked, e => Assert.Equal((null, null), (e.FromState, e.ToState)));
    }

    [Fact]
    public async Task LinkReportAsync_FirstReportOrReportOfAnotherIncident_FalseAndNotCounted()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("INC-2"), Bot, "rule", At, None);

        Assert.False(await t.Incidents.LinkReportAsync("INC-1", "WI-INC-1", Bot, At, None));
        Assert.False(await t.Incidents.LinkReportAsync("INC-1", "WI-INC-2", Bot, At, None));

        Assert.Equal(1, (await t.Incidents.GetAsync("INC-1", None))!.ReportCount);
        Assert.Equal("INC-2", (await t.Incidents.FindByReportAsync("WI-INC-2", None))!.Reference);
    }

    [Fact]
    public async Task LinkReportAsync_UnknownIncident_ThrowsNotFound()
    {
        await using var t = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<IncidentNotFoundException>(() => t.Incidents.LinkReportAsync("INC-404", "WI-1", Bot, At, None));

        Assert.Equal("INC-404", error.Reference);
        Assert.Null(await t.Incidents.FindByReportAsync("WI-1", None));
    }

    [Fact]
    public async Task FindByReportAsync_FirstAndLinkedReports_FindTheIncident()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);
        await t.Incidents.LinkReportAsync("INC-1", "WI-2", Bot, At, None);

        Assert.Equal("INC-1", (await t.Incidents.FindByReportAsync("WI-INC-1", None))!.Reference);
        Assert.Equal("INC-1", (await t.Incidents.FindByReportAsync("WI-2", None))!.Reference);
        Assert.Null(await t.Incidents.FindByReportAsync("WI-9", None));
    }

    [Fact]
    public async Task FindNearbyAsync_InsideBoxAndWindow_Found()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1", placeId: null, personId: null), Bot, "rule", At, None);

        var found = await t.Incidents.FindNearbyAsync(Box(since: At.AddDays(-1)), None);

        Assert.Equal(["INC-1"], found.Select(i => i.Reference));
    }

    [Fact]
    public async Task FindNearbyAsync_OutsideBoxBeforeWindowOtherGroupOrFinished_NotFound()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("FAR", placeId: null, personId: null, latitude: Lat + 0.01), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("WEST", placeId: null, personId: null, longitude: Lon - 0.01), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("OLD", placeId: null, personId: null) with { OccurredAt = At.AddDays(-3) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("LIGHT", placeId: null, personId: null) with { KindGroup = "street-lighting" }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("RESOLVED", placeId: null, personId: null), Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("RESOLVED", IncidentState.Resolved, "u1", "filled", At, None);
        await t.Incidents.OpenAsync(New("CLOSED", placeId: null, personId: null), Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("CLOSED", IncidentState.Closed, "u1", "duplicate", At, None);

        var found = await t.Incidents.FindNearbyAsync(Box(since: At.AddDays(-1)), None);

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindNearbyAsync_SamePlaceOrPersonWithoutCoordinates_FoundOnceEachMostRecentFirst()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("PLACE", placeId: "street-9", personId: null, latitude: null, longitude: null) with { OccurredAt = At.AddHours(-3) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("PERSON", placeId: null, personId: "P-1", latitude: null, longitude: null) with { OccurredAt = At.AddHours(-1) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("BOTH", placeId: "street-9", personId: "P-1") with { OccurredAt = At.AddHours(-2) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("OTHER", placeId: "street-1", personId: "P-2", latitude: null, longitude: null), Bot, "rule", At, None);
        var query = new NearbyIncidentQuery("road-surface", At.AddDays(-1), null, null, null, null, "street-9", "P-1");

        var found = await t.Incidents.FindNearbyAsync(query, None);

        Assert.Equal(["PERSON", "BOTH", "PLACE"], found.Select(i => i.Reference));
    }

    [Fact]
    public async Task FindNearbyAsync_BoxAndPlaceMatchSameIncident_ListedOnceWithinLimit()
    {
        await using var t = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            await t.Incidents.OpenAsync(New($"INC-{i}") with { OccurredAt = At.AddMinutes(-i) }, Bot, "rule", At, None);
        }

        var found = await t.Incidents.FindNearbyAsync(Box(since: At.AddDays(-1)) with { PlaceId = "street-9", PersonId = "P-1", Limit = 2 }, None);

        Assert.Equal(["INC-0", "INC-1"], found.Select(i => i.Reference));
    }

    [Fact]
    public async Task FindNearbyAsync_OpenedWithTextVector_VectorReturnedExactlyOtherReadsWithout()
    {
        await using var t = await CreateStoreAsync();
        float[] values = [0.6f, -0.8f, 1e-7f, float.Epsilon, -0f, 0.333333343f];
        await t.Incidents.OpenAsync(New("KEPT") with { TextVector = new IncidentTextVector("all-MiniLM-L6-v2", values) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("NONE") with { OccurredAt = At.AddHours(-3) }, Bot, "rule", At, None);

        var found = await t.Incidents.FindNearbyAsync(Box(since: At.AddDays(-1)) with { PlaceId = "street-9", PersonId = "P-1" }, None);

        Assert.Equal(["KEPT", "NONE"], found.Select(i => i.Reference));
        Assert.Equal("all-MiniLM-L6-v2", found[0].TextVector!.Model);
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), found[0].TextVector!.Values.Select(BitConverter.SingleToInt32Bits));
        Assert.Null(found[1].TextVector);
        Assert.Null((await t.Incidents.GetAsync("KEPT", None))!.TextVector);
    }

    [Fact]
    public async Task FindNearbyAsync_PartialBox_ThrowsArgumentException()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => t.Incidents.FindNearbyAsync(Box(At) with { MaxLongitude = null }, None));
    }

    [Fact]
    public async Task OpenCountsByAssigneeAsync_MixedStatesAndTeams_CountsActiveOfTeamOnly()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("A1", assignee: "ann"), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("A2", assignee: "ann"), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("B1", assignee: "bob"), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("B2", assignee: "bob"), Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("B2", IncidentState.Resolved, "bob", "fixed", At, None);
        await t.Incidents.OpenAsync(New("C1", assignee: "cat"), Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("C1", IncidentState.Closed, "cat", "fixed", At, None);
        await t.Incidents.OpenAsync(New("Q1"), Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("P1", team: "parks", assignee: "ann"), Bot, "rule", At, None);

        var counts = await t.Incidents.OpenCountsByAssigneeAsync("roads", None);

        Assert.Equal(new Dictionary<string, int> { ["ann"] = 2, ["bob"] = 1 }, counts);
    }

    [Fact]
    public async Task ListOpenAsync_TeamAndDeadlineFilters_ActiveOnlySoonestDeadlineFirst()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("LATE") with { Deadline = At.AddDays(5) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("SOON", assignee: "ann") with { Deadline = At.AddHours(4) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("MID") with { Deadline = At.AddDays(1) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("PARK", team: "parks") with { Deadline = At.AddHours(1) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("DONE") with { Deadline = At.AddHours(2) }, Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("DONE", IncidentState.Resolved, "ann", "fixed", At, None);

        Assert.Equal(["PARK", "SOON", "MID", "LATE"], (await t.Incidents.ListOpenAsync(null, null, 10, None)).Select(i => i.Reference));
        Assert.Equal(["SOON", "MID", "LATE"], (await t.Incidents.ListOpenAsync("roads", null, 10, None)).Select(i => i.Reference));
        Assert.Equal(["SOON", "MID"], (await t.Incidents.ListOpenAsync("roads", At.AddDays(1), 10, None)).Select(i => i.Reference));
        Assert.Equal(["PARK", "SOON"], (await t.Incidents.ListOpenAsync(null, null, 2, None)).Select(i => i.Reference));
    }

    [Fact]
    public async Task AllocateAsync_OpenToPerson_AllocatedWithNewDeadlineAndAudited()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        await t.Incidents.AllocateAsync("INC-1", "drainage", "dan", At.AddDays(3), "sup", "wrong team", At.AddHours(1), None);

        var incident = (await t.Incidents.GetAsync("INC-1", None))!;
        Assert.Equal((IncidentState.Allocated, "drainage", "dan", At.AddDays(3)), (incident.State, incident.Team, incident.Assignee, incident.Deadline));
        Assert.Equal(
            new IncidentAuditEntry("INC-1", At.AddHours(1), "sup", IncidentActions.Allocated, IncidentState.Open, IncidentState.Allocated, "team drainage, assignee dan; wrong team"),
            (await t.Incidents.AuditAsync("INC-1", None))[^1]);
    }

    [Fact]
    public async Task AllocateAsync_OpenToAnotherTeamsQueue_StaysOpen()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        await t.Incidents.AllocateAsync("INC-1", "drainage", null, At.AddDays(3), "sup", "wrong team", At, None);

        var incident = (await t.Incidents.GetAsync("INC-1", None))!;
        Assert.Equal((IncidentState.Open, "drainage", null), (incident.State, incident.Team, incident.Assignee));
    }

    [Fact]
    public async Task AllocateAsync_ClosedIncident_ThrowsInvalidTransitionAndNothingChanged()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("INC-1", IncidentState.Closed, "sup", "duplicate", At, None);

        await Assert.ThrowsAsync<InvalidIncidentTransitionException>(
            () => t.Incidents.AllocateAsync("INC-1", "roads", "ann", At.AddDays(1), "sup", "again", At, None));

        Assert.Equal((IncidentState.Closed, null), ((await t.Incidents.GetAsync("INC-1", None))!.State, (await t.Incidents.GetAsync("INC-1", None))!.Assignee));
        Assert.Equal(3, (await t.Incidents.AuditAsync("INC-1", None)).Count);
    }

    [Fact]
    public async Task AllocateAsync_UnknownReference_ThrowsNotFound()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<IncidentNotFoundException>(() => t.Incidents.AllocateAsync("INC-404", "roads", "ann", At, "sup", "x", At, None));
    }

    [Fact]
    public async Task TransitionAsync_AllowedMoves_StateChangedAndAudited()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1", assignee: "ann"), Bot, "rule", At, None);

        await t.Incidents.TransitionAsync("INC-1", IncidentState.Resolved, "ann", "filled", At.AddHours(1), None);
        await t.Incidents.TransitionAsync("INC-1", IncidentState.Open, "sup", "came back", At.AddHours(2), None);

        var incident = (await t.Incidents.GetAsync("INC-1", None))!;
        Assert.Equal((IncidentState.Open, null), (incident.State, incident.Assignee));
        var changes = (await t.Incidents.AuditAsync("INC-1", None)).Where(e => e.Action == IncidentActions.StateChanged).ToList();
        Assert.Equal(
            [
                new IncidentAuditEntry("INC-1", At.AddHours(1), "ann", IncidentActions.StateChanged, IncidentState.Allocated, IncidentState.Resolved, "filled"),
                new IncidentAuditEntry("INC-1", At.AddHours(2), "sup", IncidentActions.StateChanged, IncidentState.Resolved, IncidentState.Open, "came back"),
            ],
            changes);
    }

    [Fact]
    public async Task TransitionAsync_ClosedToOpen_ThrowsInvalidTransitionAndNothingChanged()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("INC-1", IncidentState.Closed, "sup", "duplicate", At, None);

        var error = await Assert.ThrowsAsync<InvalidIncidentTransitionException>(
            () => t.Incidents.TransitionAsync("INC-1", IncidentState.Open, "sup", "oops", At, None));

        Assert.Equal(("INC-1", IncidentState.Closed, IncidentState.Open), (error.Reference, error.From, error.To));
        Assert.Equal(IncidentState.Closed, (await t.Incidents.GetAsync("INC-1", None))!.State);
        Assert.Equal(3, (await t.Incidents.AuditAsync("INC-1", None)).Count);
    }

    [Fact]
    public async Task TransitionAsync_UnknownReference_ThrowsNotFound()
    {
        await using var t = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<IncidentNotFoundException>(
            () => t.Incidents.TransitionAsync("INC-404", IncidentState.Resolved, "sup", "x", At, None));

        Assert.Equal("INC-404", error.Reference);
    }

    [Fact]
    public async Task TransitionAsync_ToAllocated_ThrowsArgumentException()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        await Assert.ThrowsAsync<ArgumentException>(() => t.Incidents.TransitionAsync("INC-1", IncidentState.Allocated, "sup", "x", At, None));
    }

    [Fact]
    public async Task DueForEscalationAsync_ThenMarkEscalated_DueOnceAndMarkedOnce()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("DUE", assignee: "ann") with { Deadline = At.AddHours(1) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("DUE-TOO") with { Deadline = At.AddHours(2) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("LATER") with { Deadline = At.AddDays(2) }, Bot, "rule", At, None);
        await t.Incidents.OpenAsync(New("DONE") with { Deadline = At }, Bot, "rule", At, None);
        await t.Incidents.TransitionAsync("DONE", IncidentState.Resolved, "ann", "fixed", At, None);

        var due = await t.Incidents.DueForEscalationAsync(At.AddHours(2), 10, None);
        var first = await t.Incidents.MarkEscalatedAsync("DUE", "escalator", "deadline in 1h", At.AddMinutes(1), None);
        var second = await t.Incidents.MarkEscalatedAsync("DUE", "escalator", "deadline in 1h", At.AddMinutes(2), None);
        var dueAfter = await t.Incidents.DueForEscalationAsync(At.AddHours(2), 10, None);

        Assert.Equal(["DUE", "DUE-TOO"], due.Select(i => i.Reference));
        Assert.Equal((true, false), (first, second));
        Assert.Equal(["DUE-TOO"], dueAfter.Select(i => i.Reference));
        Assert.Equal(At.AddMinutes(1), (await t.Incidents.GetAsync("DUE", None))!.EscalatedAt);
        var escalations = (await t.Incidents.AuditAsync("DUE", None)).Where(e => e.Action == IncidentActions.Escalated).ToList();
        Assert.Equal([new IncidentAuditEntry("DUE", At.AddMinutes(1), "escalator", IncidentActions.Escalated, null, null, "deadline in 1h")], escalations);
    }

    [Fact]
    public async Task MarkEscalatedAsync_UnknownReference_ThrowsNotFound()
    {
        await using var t = await CreateStoreAsync();

        await Assert.ThrowsAsync<IncidentNotFoundException>(() => t.Incidents.MarkEscalatedAsync("INC-404", "escalator", "x", At, None));
    }

    [Fact]
    public async Task IncidentAudit_UpdateOrDeleteWrittenDirectly_Refused()
    {
        await using var t = await CreateStoreAsync();
        await t.Incidents.OpenAsync(New("INC-1"), Bot, "rule", At, None);

        foreach (var sql in new[] { "UPDATE incident_audit SET detail = 'forged'", "DELETE FROM incident_audit" })
        {
            var error = Assert.ThrowsAny<DbException>(() => t.Execute(sql));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(2, t.Scalar("SELECT COUNT(*) FROM incident_audit"));
    }

    protected static NewIncident New(
        string reference,
        string team = "roads",
        string? assignee = null,
        string? placeId = "street-9",
        string? personId = "P-1",
        double? latitude = Lat,
        double? longitude = Lon) =>
        new(
            reference, "WI-" + reference, "pothole", "road-surface", "urgent", team, assignee, "North", placeId,
            latitude, longitude, personId, At.AddHours(-2), At.AddDays(2), "Pothole on a street", "A deep hole by the bus stop");

    /// <summary>A box of roughly 200 m around (<see cref="Lat"/>, <see cref="Lon"/>), by coordinates only.</summary>
    protected static NearbyIncidentQuery Box(DateTimeOffset since) =>
        new("road-surface", since, Lat - 0.001, Lat + 0.001, Lon - 0.0015, Lon + 0.0015, null, null);
}
