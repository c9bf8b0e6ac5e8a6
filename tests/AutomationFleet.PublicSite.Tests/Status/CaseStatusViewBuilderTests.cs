using System.Text.Json;
using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.PublicSite.Status;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.PublicSite.Tests.Status;

public sealed class CaseStatusViewBuilderTests
{
    /// <summary>Friday 2 January 2026, 16:00 UK (the Monday after is the first working day).</summary>
    private static readonly DateTimeOffset Received = new(2026, 1, 2, 16, 0, 0, TimeSpan.Zero);

    private static readonly PublicItemFacts Facts = new(["SO7 4DT"], [new DateOnly(1984, 3, 12)]);

    private static CaseStatusViewBuilder CreateSut(WorkingDayCalendar? calendar = null) => new(new PublicSiteOptions
    {
        DefaultWorkingDays = 20,
        Services = new()
        {
            ["contact-forms"] = new PublicServiceOptions { Name = "Adult Social Care", Received = "your contact form", WorkingDays = 5 },
            ["incident-reports"] = new PublicServiceOptions { Name = "Highways" },
        },
    }, calendar ?? WorkingDayCalendar.EnglandAndWales);

    private static WorkItem Item(WorkItemState state, string queue = "contact-forms", DateTimeOffset? due = null, string? outcome = null) => new(
        42, queue, "form:Favian-Nicolaus-SO7-4DT",
        """{"person":{"givenName":"Favian","surname":"Nicolaus","dateOfBirth":"12/03/1984","postcode":"so7 4dt"}}""",
        [], 0, due, state, 1, "worker-on-host-ada", null, null, outcome, 0.5, "reviewer:margaret",
        "System.Exception: Margaret Oduya says the caller Favian Nicolaus is confused", Received, Received.AddDays(3));

    private static SideEffectRecord Step(string step, SideEffectStatus status = SideEffectStatus.Completed) =>
        new("form:1#" + step, 42, step, true, status, Received.AddDays(3), Received.AddDays(3), """{"to":"favian@example.org"}""");

    [Fact]
    public void Build_NewItem_ReceivedWithServiceTimescaleOnWorkingDays()
    {
        var view = CreateSut().Build(Item(WorkItemState.New), Facts, reader: null, [], Received.AddDays(1));

        Assert.Equal(("AF-000042", "your contact form", new DateOnly(2026, 1, 2), "Adult Social Care"), (view.Reference, view.Received, view.ReceivedOn, view.Service));
        Assert.Equal(CaseStage.Received, view.Stage);

        // 5 working days after Friday 2 January 2026: Monday 5th to Friday 9th.
        Assert.Equal(new DateOnly(2026, 1, 9), view.ExpectedBy);
        Assert.False(view.Late);
    }

    [Fact]
    public void Build_RevisedDateAfterTheTimescale_ShowsTheRevisedDateAsRevisedAndNotLate()
    {
        // Expected Friday 9 January; the sweep apologised with Friday 16th; looked at on Monday 12th.
        var view = CreateSut().Build(Item(WorkItemState.New), Facts, null, [], new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 1, 16));

        Assert.Equal((new DateOnly(2026, 1, 16), true, false), (view.ExpectedBy, view.Revised, view.Late));
    }

    [Fact]
    public void Build_RevisedDateBeforeALaterDueDateOrItemDone_RevisionIgnored()
    {
        var moved = CreateSut().Build(
            Item(WorkItemState.New, due: new DateTimeOffset(2026, 1, 30, 12, 0, 0, TimeSpan.Zero)), Facts, null, [], Received.AddDays(1), new DateOnly(2026, 1, 16));
        var done = CreateSut().Build(Item(WorkItemState.Completed), Facts, null, [], Received.AddDays(10), new DateOnly(2026, 1, 16));

        Assert.Equal((new DateOnly(2026, 1, 30), false), (moved.ExpectedBy, moved.Revised));
        Assert.Equal(((DateOnly?)null, false), (done.ExpectedBy, done.Revised));
    }

    [Fact]
    public void Build_DueDate_TakesItOverTheServiceTimescaleAndSaysWhenLate()
    {
        var view = CreateSut().Build(Item(WorkItemState.NeedsReview, due: new DateTimeOffset(2026, 1, 6, 12, 0, 0, TimeSpan.Zero)), Facts, null, [], new DateTimeOffset(2026, 1, 8, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal((CaseStage.WithPerson, "With a person for checking"), (view.Stage, view.StageText));
        Assert.Equal(new DateOnly(2026, 1, 6), view.ExpectedBy);
        Assert.True(view.Late);
    }

    [Fact]
    public void Build_ChristmasAndNewYear_BankHolidaysSkipped()
    {
        var item = Item(WorkItemState.New, queue: "unknown-queue") with { CreatedAt = new DateTimeOffset(2025, 12, 23, 10, 0, 0, TimeSpan.Zero) };

        var view = CreateSut().Build(item, Facts, null, [], item.CreatedAt);

        // 20 working days from Tuesday 23 December 2025, skipping 25, 26 December and 1 January and the weekends.
        Assert.Equal(new DateOnly(2026, 1, 23), view.ExpectedBy);
        Assert.Equal("the council", view.Service);
    }

    [Fact]
    public void Build_ExtraBankHolidayConfigured_SkippedInTheExpectedDate()
    {
        // A one-off closure on Wednesday 7 January 2026, set as the fleet's calendar settings set it.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduling:ExtraBankHolidays:0"] = "2026-01-07" })
            .Build();

        var view = CreateSut(WorkingDayCalendar.From(configuration)).Build(Item(WorkItemState.New), Facts, reader: null, [], Received.AddDays(1));

        // 5 working days after Friday 2 January 2026 without the 7th: Monday 5th, 6th, 8th, 9th and Monday 12th.
        Assert.Equal(new DateOnly(2026, 1, 12), view.ExpectedBy);
    }

    [Fact]
    public void Build_CompletedWithHandoff_PassedToTheTargetQueuesService()
    {
        var view = CreateSut().Build(Item(WorkItemState.Completed, queue: "inbound-post"), Facts, null, [Step("handoff:incident-reports")], Received.AddDays(4));

        Assert.Equal((CaseStage.PassedOn, "Passed to Highways"), (view.Stage, view.StageText));
        Assert.Null(view.ExpectedBy);
    }

    [Fact]
    public void Build_StartedButNotCompletedStep_NotCounted()
    {
        var view = CreateSut().Build(Item(WorkItemState.Completed), Facts, null, [Step("handoff:incident-reports", SideEffectStatus.Started)], Received.AddDays(4));

        Assert.Equal(CaseStage.Done, view.Stage);
    }

    [Fact]
    public void Build_CompletedRedirect_NotOursWithWhereToGo()
    {
        var view = CreateSut().Build(Item(WorkItemState.Completed), Facts with { WhereToGo = "Please contact the NHS." }, null, [], Received.AddDays(4));

        Assert.Equal(CaseStage.NotOurs, view.Stage);
        Assert.Equal("Please contact the NHS.", view.WhereToGo);
    }

    [Theory]
    [InlineData(WorkItemState.New)]
    [InlineData(WorkItemState.InProgress)]
    [InlineData(WorkItemState.Retrying)]
    [InlineData(WorkItemState.DeadLettered)]
    [InlineData(WorkItemState.NeedsReview)]
    [InlineData(WorkItemState.Completed)]
    [InlineData(WorkItemState.BusinessException)]
    [InlineData(WorkItemState.Cancelled)]
    public void Build_AnyState_LeavesOutPersonalDataStaffAndFaults(WorkItemState state)
    {
        var view = CreateSut().Build(Item(state, outcome: """{"reviewer":"Margaret"}"""), Facts, null, [Step("print-letter")], Received.AddDays(4));

        var shown = JsonSerializer.Serialize(view);
        foreach (var secret in new[] { "Favian", "Nicolaus", "SO7", "so7", "1984", "Margaret", "Oduya", "reviewer", "worker", "ada", "Exception", "favian@", "form:" })
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        }
    }
}
