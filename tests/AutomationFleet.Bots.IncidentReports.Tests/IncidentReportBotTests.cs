using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.IncidentReports.Tests;

/// <summary>
/// Reports through the real runner, bot, triage, store and sentence encoder, on the shipped allocation config and
/// gazetteer, with a fake clock: allocation, duplicates, out-of-hours, never-automatic and bad input.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IncidentReportBotTests : IAsyncLifetime
{
    private const string Pothole = "Deep pothole in the road outside number 14 Albert Avenue, about a foot across. Cars are swerving round it.";
    private const string PotholeAgain = "There is a big pothole on Albert Avenue near number 14; my car hit it this morning and the tyre is damaged.";
    private readonly IncidentTestKit _kit = new();

    public Task InitializeAsync() => _kit.InitializeAsync();

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task RunAsync_PotholeInOfficeHours_AllocatedToTheAreasTeamAndRecorded()
    {
        Assert.Equal(RunResult.Completed, await _kit.RunAsync("r-1", PotholeReport(Pothole)));

        var incident = (await _kit.Incidents.FindByReportAsync("r-1"))!;
        Assert.Equal("highways-north", incident.Team);
        Assert.Equal(IncidentState.Allocated, incident.State);
        Assert.StartsWith("hn-", incident.Assignee, StringComparison.Ordinal);
        Assert.Equal("pothole", incident.Kind);
        Assert.Equal("WS000001", incident.PlaceId);
        // Routine: 5 England and Wales working days, due at the end of office hours (Monday 14 December, 17:00 GMT).
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 17, 0, 0, TimeSpan.Zero), incident.Deadline);
        var audit = await _kit.Incidents.AuditAsync(incident.Reference);
        Assert.Contains(audit, a => a.Action == IncidentActions.Allocated && a.Detail.Contains("Highways in the north", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NewIncidentNotComparedWithAnother_KeepsNoVectorAndEncodesNothing()
    {
        // A text no other test encodes: the encoder is shared by the test run, so its cache could otherwise hold it.
        const string Text = "Deep pothole in the road outside number 14 Albert Avenue, a wheel trap near the kerb on the bend.";

        await _kit.RunAsync("r-1", PotholeReport(Text));

        var incident = (await _kit.Incidents.FindByReportAsync("r-1"))!;
        var nearby = await _kit.Incidents.FindNearbyAsync(
            new NearbyIncidentQuery(incident.KindGroup, incident.OccurredAt.AddDays(-1), null, null, null, null, incident.PlaceId, null));
        Assert.Null(Assert.Single(nearby).TextVector);
        Assert.Equal((0, 0), (_kit.Encoder.Calls, _kit.Encoder.Texts));
        Assert.Equal((1, 0), (_kit.Encoder.Lookups, _kit.Encoder.Hits));
        Assert.False(IncidentTestKit.SharedEmbedder.Value.TryGetCached(Text, out _));
    }

    [Fact]
    public async Task RunAsync_NewIncidentWhoseWordsTheDecisionEncoded_KeepsThatVectorWithoutEncodingAgain()
    {
        // Same place and kind, words in the uncertain band (so the decision encodes both), but a different thing.
        const string Cover = "Loose drain cover rattling in the road outside number 14 Albert Avenue every time a bus goes over it.";
        var overlap = WordOverlap.Similarity(Cover, Pothole);
        Assert.InRange(overlap, _kit.Options.DuplicateWordOverlapUnrelated, _kit.Options.DuplicateWordOverlapClear);
        await _kit.RunAsync("r-1", PotholeReport(Pothole));
        _kit.Encoder.Reset();

        await _kit.RunAsync("r-2", PotholeReport(Cover));

        var first = (await _kit.Incidents.FindByReportAsync("r-1"))!;
        var second = (await _kit.Incidents.FindByReportAsync("r-2"))!;
        Assert.NotEqual(first.Reference, second.Reference);
        var nearby = await _kit.Incidents.FindNearbyAsync(
            new NearbyIncidentQuery(second.KindGroup, second.OccurredAt.AddDays(-1), null, null, null, null, second.PlaceId, null));
        var kept = nearby.Single(i => i.Reference == second.Reference).TextVector;
        Assert.NotNull(kept);

        // One call, the decision's: the report, plus the first incident's text unless that incident kept a vector (it does
        // when the shared embedder's cache already held its words from another test). The record step only looked up.
        var firstKeptVector = nearby.Single(i => i.Reference == first.Reference).TextVector is not null;
        Assert.Equal((1, firstKeptVector ? 1 : 2), (_kit.Encoder.Calls, _kit.Encoder.Texts));
        Assert.Equal((1, 1), (_kit.Encoder.Lookups, _kit.Encoder.Hits));
        var embedder = IncidentTestKit.SharedEmbedder.Value;
        Assert.Equal(embedder.ModelName, kept.Model);
        Assert.Equal(embedder.Embed(Cover), kept.Values);
    }

    [Fact]
    public async Task RunAsync_SamePotholeAgainInsideTheWindow_LinkedNotAllocatedAgain()
    {
        await _kit.RunAsync("r-1", PotholeReport(Pothole));
        _kit.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(RunResult.Completed, await _kit.RunAsync("r-2", IncidentTestKit.Report(new
        {
            place = new { address = "Albert Avenue, Ashby", postcode = "QW1 7DU" },
            description = PotholeAgain,
        })));

        var first = (await _kit.Incidents.FindByReportAsync("r-1"))!;
        var second = (await _kit.Incidents.FindByReportAsync("r-2"))!;
        Assert.Equal(first.Reference, second.Reference);
        Assert.Equal(2, second.ReportCount);
        Assert.Single(await _kit.Incidents.ListOpenAsync(null, null, 10));
    }

    [Fact]
    public async Task RunAsync_SamePotholeAfterTheWindow_NewIncident()
    {
        await _kit.RunAsync("r-1", PotholeReport(Pothole));
        _kit.Clock.Advance(TimeSpan.FromDays(15)); // the pothole window is 14 days

        await _kit.RunAsync("r-2", PotholeReport(PotholeAgain));

        Assert.NotEqual((await _kit.Incidents.FindByReportAsync("r-1"))!.Reference, (await _kit.Incidents.FindByReportAsync("r-2"))!.Reference);
    }

    [Fact]
    public async Task RunAsync_PotholeOnAnotherStreet_NewIncident()
    {
        await _kit.RunAsync("r-1", PotholeReport(Pothole));

        await _kit.RunAsync("r-2", IncidentTestKit.Report(new
        {
            kind = "pothole",
            place = new { address = "Albert Lane, Ashby", postcode = "QW2 2SY" },
            description = "Deep pothole in the road on Albert Lane, about a foot across.",
        }));

        Assert.Equal(2, (await _kit.Incidents.ListOpenAsync(null, null, 10)).Count);
    }

    [Fact]
    public async Task RunAsync_PinTwentyMetresFromAnOpenIncident_LinkedAndThePinKept()
    {
        await _kit.RunAsync("r-1", PinnedPothole(AlbertAvenueLatitude + 0.0003, Pothole));
        _kit.Clock.Advance(TimeSpan.FromDays(1));

        await _kit.RunAsync("r-2", PinnedPothole(AlbertAvenueLatitude + 0.00048, PotholeAgain)); // 20 m further north

        var first = (await _kit.Incidents.FindByReportAsync("r-1"))!;
        Assert.Equal(first.Reference, (await _kit.Incidents.FindByReportAsync("r-2"))!.Reference);
        Assert.Equal("WS000001", first.PlaceId);
        Assert.Equal(AlbertAvenueLatitude + 0.0003, first.Latitude!.Value, 6);
    }

    [Fact]
    public async Task RunAsync_PinsOnTheSameStreetFurtherApartThanTheKindsDistance_TwoIncidents()
    {
        // Both pins are nearest the same street point, 33 m either side of it: 67 m apart, and a pothole's distance is 50 m.
        await _kit.RunAsync("r-1", PinnedPothole(AlbertAvenueLatitude - 0.0003, Pothole));

        await _kit.RunAsync("r-2", PinnedPothole(AlbertAvenueLatitude + 0.0003, PotholeAgain));

        Assert.Equal(2, (await _kit.Incidents.ListOpenAsync(null, null, 10)).Count);
    }

    [Fact]
    public async Task RunAsync_UrgentFloodingOnSaturdayNight_ToTheDutyTeamWith24Hours()
    {
        var sent = new DateTimeOffset(2026, 12, 5, 2, 40, 0, TimeSpan.Zero);
        Assert.Equal(RunResult.Completed, await _kit.RunAsync("night-1", IncidentTestKit.Report(new
        {
            kind = "flooding",
            severity = "urgent",
            reportedAt = sent,
            place = new { address = "Albert Lane, Ashby", postcode = "QW2 2SY" },
            description = "Albert Lane is flooded across both lanes after the drain blocked.",
        })));

        var incident = (await _kit.Incidents.FindByReportAsync("night-1"))!;
        Assert.Equal("emergency-duty", incident.Team);
        Assert.StartsWith("edt-", incident.Assignee, StringComparison.Ordinal);
        Assert.Equal(sent.AddHours(24), incident.Deadline);
    }

    [Fact]
    public async Task RunAsync_SafeguardingConcern_ToAPersonUrgentAndNothingRecorded()
    {
        Assert.Equal(RunResult.SentToReview, await _kit.RunAsync("sg-1", IncidentTestKit.Report(new
        {
            kind = "safeguarding-concern",
            description = "The client has unexplained bruising and says a relative takes her money.",
        })));

        var task = await ReviewTaskAsync("sg-1");
        Assert.True(task.Request.Urgent);
        Assert.Contains(task.Request.Reasons, r => r.Contains("never automatic", StringComparison.Ordinal));
        Assert.Null(await _kit.Incidents.FindByReportAsync("sg-1"));
    }

    [Fact]
    public async Task RunAsync_SeriousHarmInAnyReport_ToAPersonUrgent()
    {
        Assert.Equal(RunResult.SentToReview, await _kit.RunAsync("harm-1", PotholeReport("A cyclist hit the pothole on Albert Avenue and was taken away by ambulance with a head injury.")));

        var task = await ReviewTaskAsync("harm-1");
        Assert.True(task.Request.Urgent);
        Assert.Contains(task.Request.Reasons, r => r.Contains("'ambulance'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoRuleMatches_ToAPersonUrgent()
    {
        // A street light with no place: the highways rules need an area, so none matches.
        Assert.Equal(RunResult.SentToReview, await _kit.RunAsync("norule-1", IncidentTestKit.Report(new
        {
            kind = "street-light",
            description = "The street light by the bus shelter has been out for a week.",
        })));

        var task = await ReviewTaskAsync("norule-1");
        Assert.True(task.Request.Urgent);
        Assert.Contains(task.Request.Reasons, r => r.Contains("No allocation rule matches", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"kind":"volcano","description":"Lava on the high street."}""", "kind: 'volcano' is not a kind")]
    [InlineData("""{"kind":"pothole","severity":"apocalyptic","description":"Hole."}""", "severity: 'apocalyptic' is not a severity")]
    [InlineData("""{"kind":"pothole","occurredAt":"2027-01-01T00:00:00Z","description":"Hole."}""", "occurredAt: 2027-01-01 00:00:00Z is in the future")]
    [InlineData("""{"kind":"pothole","occurredAt":"soon","description":"Hole."}""", "occurredAt: a value of the wrong type")]
    [InlineData("""{"kind":"pothole","description":"Hole." """, "not valid JSON")]
    public async Task RunAsync_BadInput_KeptWithAReasonNamingTheField(string payload, string reason)
    {
        Assert.Equal(RunResult.BusinessException, await _kit.RunAsync("bad-1", payload));

        var item = (await _kit.Store.FindAsync("bad-1", CancellationToken.None))!;
        Assert.Equal(WorkItemState.BusinessException, item.State);
        Assert.Contains(reason, item.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PlaceNotInTheGazetteer_ToAPersonNamingThePlace()
    {
        Assert.Equal(RunResult.SentToReview, await _kit.RunAsync("lost-1", IncidentTestKit.Report(new
        {
            kind = "pothole",
            place = new { address = "1 Nowhere Boulevard, Atlantis", postcode = "ZZ9 9ZZ" },
            description = "Pothole.",
        })));

        var task = await ReviewTaskAsync("lost-1");
        Assert.Contains(task.Request.Reasons, r => r.StartsWith("place: the place given cannot be found", StringComparison.Ordinal));
    }

    // Albert Avenue, Ashby (WS000001) at QW1 7DU in the shipped gazetteer; its other points are 134 m away.
    private const double AlbertAvenueLatitude = 52.749102;
    private const double AlbertAvenueLongitude = -1.302156;

    private static string PinnedPothole(double latitude, string text) => IncidentTestKit.Report(new
    {
        kind = "pothole",
        place = new { latitude, longitude = AlbertAvenueLongitude },
        description = text,
    });

    private static string PotholeReport(string text) => IncidentTestKit.Report(new
    {
        kind = "pothole",
        place = new { address = "14 Albert Avenue, Ashby", postcode = "QW1 7DU" },
        description = text,
    });

    private async Task<Core.Review.ReviewTask> ReviewTaskAsync(string reference)
    {
        var item = (await _kit.Store.FindAsync(reference, CancellationToken.None))!;
        Assert.Equal(WorkItemState.NeedsReview, item.State);
        return (await _kit.Store.GetAsync(item.Id, CancellationToken.None))!;
    }
}
