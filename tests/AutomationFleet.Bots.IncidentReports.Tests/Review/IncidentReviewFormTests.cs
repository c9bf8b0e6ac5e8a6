using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Allocation;
using AutomationFleet.Bots.IncidentReports.Incidents;
using AutomationFleet.Bots.IncidentReports.Places;
using AutomationFleet.Bots.IncidentReports.Review;
using AutomationFleet.Bots.IncidentReports.Tests.Allocation;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.IncidentReports.Tests.Review;

/// <summary>The review form over the shipped allocation config and gazetteer, with open counts from a real SQLite store.</summary>
public sealed class IncidentReviewFormTests : IAsyncLifetime
{
    private const string Reference = "incident-reports:web-42";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // Monday 15 June 2026, 10:00 in London (BST): the office is open.
    private static readonly DateTimeOffset Now = TestConfigs.Utc(2026, 6, 15, 9);
    private static readonly DateTimeOffset ReceivedAt = TestConfigs.Utc(2026, 6, 15, 8, 30);

    private static readonly PlaceMatch Place = new(
        "WS000001", "Albert Avenue", "Nether Ashby", "Ashby", "ashby", 52.747899, -1.302980, "street", 1.0, "Albert Avenue, Ashby: the street in the address.");

    private readonly string _root = Directory.CreateTempSubdirectory("incident-review-form-").FullName;
    private readonly IncidentReferenceData _data = new(
        TestConfigs.Shipped, Gazetteer.Load(Path.Combine(AppContext.BaseDirectory, "config", "incidents", "gazetteer.csv")), new Dictionary<string, string>());

    private SqliteFleetStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteFleetStore(new SqliteStoreOptions { Path = Path.Combine(_root, "fleet.db") }, TimeProvider.System);
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Present_OpenIncidentsInStore_TeamAndPersonChoicesShowCapacity()
    {
        await OpenIncidentsAsync("safeguarding-hub", "sg-01", 2);
        await OpenIncidentsAsync("safeguarding-hub", "sg-02", 12);

        var view = CreateSut().Present(Task(proposal: null));

        var team = Field(view, IncidentReviewForm.TeamField);
        Assert.Equal(CorrectionFieldKind.Select, team.Kind);
        Assert.Equal(TestConfigs.Shipped.Teams.Count, team.Choices.Count);
        Assert.Equal("1 of 2 available, 14 active", team.Choices.Single(c => c.Value == "safeguarding-hub").Detail);
        Assert.Equal("3 of 3 available, 0 active", team.Choices.Single(c => c.Value == "asc-north").Detail);
        var person = Field(view, IncidentReviewForm.PersonField);
        Assert.Equal(IncidentReviewForm.TeamQueueChoice, person.Choices[0].Value);
        Assert.Equal("2/12, available now", person.Choices.Single(c => c.Value == "sg-01").Detail);
        Assert.Equal("12/12, at capacity (12 of 12)", person.Choices.Single(c => c.Value == "sg-02").Detail);
        Assert.Equal("0/12, available now", person.Choices.Single(c => c.Value == "hn-03").Detail);
        Assert.Equal(TestConfigs.Shipped.Teams.Sum(t => t.Members.Count) + 1, person.Choices.Count);
    }

    [Fact]
    public void Present_NoProposal_KindAndSeverityFromEvidenceTeamUnchosenPersonTheQueue()
    {
        var view = CreateSut().Present(Task(proposal: null));

        Assert.Equal("safeguarding-concern", Field(view, IncidentReviewForm.KindField).Value);
        Assert.Equal("urgent", Field(view, IncidentReviewForm.SeverityField).Value);
        Assert.Null(Field(view, IncidentReviewForm.TeamField).Value);
        Assert.Equal(IncidentReviewForm.TeamQueueChoice, Field(view, IncidentReviewForm.PersonField).Value);
        Assert.Equal(TestConfigs.Shipped.Kinds.Select(k => k.Id), Field(view, IncidentReviewForm.KindField).Choices.Select(c => c.Value));
        Assert.Equal(TestConfigs.Shipped.Severities.Select(s => s.Id), Field(view, IncidentReviewForm.SeverityField).Choices.Select(c => c.Value));
    }

    [Fact]
    public void Present_Proposal_FieldsPrefilledWithIt()
    {
        var proposal = Outcome("fall", "urgent", "asc-north", "ascn-02");

        var view = CreateSut().Present(Task(proposal));

        Assert.Equal(
            ["fall", "urgent", "asc-north", "ascn-02"],
            view.Correction.Select(f => f.Value));
    }

    [Fact]
    public void Present_UrgentReasons_AlertsAndEvidenceTables()
    {
        var view = CreateSut().Present(Task(proposal: null));

        Assert.Equal(Evidence().Found.Urgent, view.Alerts);
        Assert.Equal(["report", "place", "person-candidates", "allocation"], view.Evidence.Select(t => t.Id));
        var report = view.Evidence[0];
        Assert.Contains(report.Rows, r => r[0] == "Kind" && r[1] == "safeguarding-concern, from the word 'neglect' in the text");
        Assert.Contains(report.Rows, r => r[0] == "What the report says" && r[1] == Evidence().Description);
        var candidates = view.Evidence.Single(t => t.Id == "person-candidates");
        Assert.Equal(["P-1001", "99.95%", "asc-north"], candidates.Rows[0]);
        Assert.Equal("Albert Avenue", view.Evidence.Single(t => t.Id == "place").Rows[0][1]);
    }

    [Fact]
    public void Correct_TeamAndMemberChosen_OpenOutcomeByTheReviewerWithTheDeadlineForTheSeverity()
    {
        var correction = CreateSut().Correct(Task(proposal: null), Values("safeguarding-concern", "urgent", "safeguarding-hub", "sg-02"));

        Assert.Equal("safeguarding-concern", correction.Category);
        var outcome = JsonSerializer.Deserialize<IncidentOutcome>(correction.OutcomeJson, Web)!;
        Assert.Equal(IncidentActionsDecided.Open, outcome.Action);
        Assert.Equal(IncidentReferences.For(Reference), outcome.IncidentReference);
        Assert.Equal(("safeguarding-concern", "safeguarding", "urgent"), (outcome.Kind, outcome.KindGroup, outcome.Severity));
        Assert.Equal(("safeguarding-hub", "sg-02", IncidentReviewForm.ReviewerRule), (outcome.Team, outcome.Assignee, outcome.Rule));
        Assert.Equal(ReceivedAt.AddHours(24), outcome.Deadline);
        Assert.False(outcome.OutOfHours);
        Assert.Equal(("ashby", "WS000001", 52.747899, -1.302980), (outcome.Area, outcome.PlaceId, outcome.Latitude!.Value, outcome.Longitude!.Value));
        Assert.Equal("P-1001", outcome.PersonId);
        Assert.Equal(TestConfigs.Utc(2026, 6, 14, 18), outcome.OccurredAt);
        Assert.Equal("Safeguarding concern, Albert Avenue, Ashby (ashby)", outcome.Summary);
        Assert.Equal(Evidence().Description, outcome.Text);
    }

    [Fact]
    public void Correct_SeverityChanged_DeadlineOnThatSeveritysCalendar()
    {
        var correction = CreateSut().Correct(Task(Outcome("fall", "urgent", "asc-north", "ascn-01")), Values("fall", "routine", "asc-north", IncidentReviewForm.TeamQueueChoice));

        var outcome = JsonSerializer.Deserialize<IncidentOutcome>(correction.OutcomeJson, Web)!;
        var expected = _data.Deadlines.Calculate(TestConfigs.Shipped.FindSeverity("routine")!, ReceivedAt).At;
        Assert.Equal(expected, outcome.Deadline);
        Assert.Equal(TestConfigs.Utc(2026, 6, 22, 16), outcome.Deadline);
        Assert.Equal(("asc-north", null, "routine"), (outcome.Team, outcome.Assignee, outcome.Severity));
    }

    [Fact]
    public void Correct_PersonInAnotherTeam_RefusedNamingTheTeam()
    {
        var exception = Assert.Throws<ReviewFormException>(
            () => CreateSut().Correct(Task(proposal: null), Values("safeguarding-concern", "urgent", "safeguarding-hub", "hn-01")));

        Assert.Equal("'hn-01' is not a member of Adult Safeguarding Hub: choose someone in that team, or the team's queue.", exception.Message);
    }

    [Fact]
    public void Correct_UnknownKindSeverityAndTeam_RefusedWithEveryProblem()
    {
        var exception = Assert.Throws<ReviewFormException>(
            () => CreateSut().Correct(Task(proposal: null), Values("volcano", "whenever", "nobody", IncidentReviewForm.TeamQueueChoice)));

        Assert.Equal(
            "Kind 'volcano' is not a kind this council takes; choose one from the list. "
            + "Severity 'whenever' is not one of the severities; choose one from the list. "
            + "Team 'nobody' is not in the allocation config; choose one from the list.",
            exception.Message);
    }

    [Fact]
    public void Correct_NoTeamChosen_RefusedAskingForOne()
    {
        var values = Values("safeguarding-concern", "urgent", "", IncidentReviewForm.TeamQueueChoice);

        var exception = Assert.Throws<ReviewFormException>(() => CreateSut().Correct(Task(proposal: null), values));

        Assert.Equal("Choose the team.", exception.Message);
    }

    [Fact]
    public void AddIncidentReviewForm_ShippedConfig_OneFormForTheBot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IncidentReports:AllocationPath"] = TestConfigs.ShippedPath,
            ["IncidentReports:GazetteerPath"] = Path.Combine(AppContext.BaseDirectory, "config", "incidents", "gazetteer.csv"),
            ["IncidentReports:PersonTeamsPath"] = null,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSingleton<IIncidentStore>(_store);

        services.AddIncidentReviewForm().AddIncidentReviewForm();

        using var provider = services.BuildServiceProvider();
        var form = Assert.Single(provider.GetServices<IReviewForm>());
        Assert.Equal(IncidentReportBot.BotName, Assert.IsType<IncidentReviewForm>(form).Bot);
    }

    private IncidentReviewForm CreateSut() => new(_data, _store, new FakeTimeProvider(Now));

    private async Task OpenIncidentsAsync(string team, string assignee, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _store.OpenAsync(
                new NewIncident($"INC-{assignee}-{i}", $"report-{assignee}-{i}", "safeguarding-concern", "safeguarding", "urgent", team, assignee,
                    null, null, null, null, null, Now, Now.AddDays(1), "Safeguarding concern", "text"),
                "test", "seeded", Now, CancellationToken.None);
        }
    }

    private static IncidentEvidence Evidence() => new(
        "web",
        false,
        null,
        new TriageEvidence(
            "safeguarding-concern, from the word 'neglect' in the text",
            "urgent, the default for safeguarding-concern",
            Place.Explanation,
            [new PersonCandidate("P-1001", 0.9995, "asc-north")],
            [],
            ["Rule 'Safeguarding concerns go to the hub' is the first that matches: team safeguarding-hub."])
        {
            KindId = "safeguarding-concern",
            SeverityId = "urgent",
            PlaceFound = Place,
            PersonId = "P-1001",
            OccurredAt = TestConfigs.Utc(2026, 6, 14, 18),
            ReceivedAt = ReceivedAt,
            Urgent = ["Kind 'safeguarding-concern' is never automatic: a person decides.", "Possible safeguarding concern or serious harm: the text mentions 'neglect'."],
        },
        "The neighbour at Albert Avenue seems neglected: no food in the house.");

    private static IncidentOutcome Outcome(string kind, string severity, string team, string? assignee) => new(
        IncidentActionsDecided.Open, IncidentReferences.For(Reference), kind, kind, severity, team, assignee, "rule", ReceivedAt.AddHours(24), false,
        "ashby", "WS000001", 52.7, -1.3, "P-1001", ReceivedAt, "summary", "text");

    private static ReviewTask Task(IncidentOutcome? proposal) => new(
        42,
        Reference,
        "incident-reports",
        new ReviewRequest(
            IncidentReportBot.BotName,
            proposal?.Kind,
            proposal is null ? null : JsonSerializer.Serialize(proposal, Web),
            0,
            JsonSerializer.Serialize(Evidence(), Web),
            Evidence().Found.Urgent,
            Urgent: true),
        false,
        null,
        null,
        null,
        Now);

    private static Dictionary<string, string> Values(string kind, string severity, string team, string person) => new()
    {
        [IncidentReviewForm.KindField] = kind,
        [IncidentReviewForm.SeverityField] = severity,
        [IncidentReviewForm.TeamField] = team,
        [IncidentReviewForm.PersonField] = person,
    };

    private static CorrectionField Field(ReviewView view, string name) => view.Correction.Single(f => f.Name == name);
}
