using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Bots.Updates.Timescale;
using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace AutomationFleet.Bots.Updates.Tests.Timescale;

/// <summary>
/// The timescale sweep on the fleet's working-day calendar (England and Wales, with the configured extra bank holidays), with SMTP off: the apology lands in the outbox
/// folder (the embedded default's <c>var/outbox/updates/</c>) as a .eml file, once however often the sweep runs.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TimescaleSweepStepTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RunAsync_ItemDueTomorrowBeforeChristmasSweptTwice_OneApologyInTheOutboxWithANewDateSkippingBankHolidays()
    {
        await using var kit = new UpdatesTestKit(mail: null);
        await kit.InitializeAsync();
        kit.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero));
        await kit.EnqueueFormAsync("form-late", "ann@example.org", due: new DateTimeOffset(2026, 12, 22, 17, 0, 0, TimeSpan.Zero));
        await kit.EnqueueFormAsync("form-later", "bo@example.org", due: new DateTimeOffset(2027, 1, 29, 17, 0, 0, TimeSpan.Zero));
        await kit.EnqueueFormAsync("form-undated", "cy@example.org");

        foreach (var fire in new[] { "schedule:updates-timescale-sweep:20261221T080000Z", "schedule:updates-timescale-sweep:20261222T080000Z" })
        {
            await kit.Store.EnqueueAsync(new NewWorkItem("updates", fire, $$"""{"task":"{{TimescaleSweepStep.Task}}"}"""), "scheduler:test", None);
            Assert.Equal(RunResult.Completed, await kit.RunNextAsync(kit.UpdatesBot));
        }

        var results = await kit.DrainUpdatesAsync();

        Assert.Equal([RunResult.Completed], results);
        var file = Assert.Single(Directory.GetFiles(kit.Options.OutboxFolder));
        Assert.Equal(EmailUpdateChannel.FileNameFor("form-late#update:TimescaleAtRisk:2026-12-31#send-update"), Path.GetFileName(file));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("ann@example.org", mail.To.Mailboxes.Single().Address);
        // Five working days after the expected Tuesday 22 December 2026: Christmas Day and the Boxing Day substitute (Monday 28th) skipped.
        Assert.Contains("31 December 2026", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NewDateAboutToBeMissedToo_SecondApologyWithALaterDateAndEachDateOnce()
    {
        await using var kit = new UpdatesTestKit(mail: null);
        await kit.InitializeAsync();
        await kit.EnqueueFormAsync("form-late", "ann@example.org", due: new DateTimeOffset(2026, 12, 22, 17, 0, 0, TimeSpan.Zero));

        // Monday 21st: due tomorrow, so at risk; the new date is 31 December. Wednesday 30th: the new date is tomorrow,
        // at risk again; five working days after it skip New Year's Day: Friday 8 January 2027. Each day swept twice.
        var expected = new Dictionary<int, DateOnly> { [21] = new(2026, 12, 31), [30] = new(2027, 1, 8) };
        foreach (var (day, newDate) in expected)
        {
            foreach (var hour in new[] { 8, 9 })
            {
                kit.Clock.SetUtcNow(new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.Zero));
                await kit.Store.EnqueueAsync(
                    new NewWorkItem("updates", $"schedule:updates-timescale-sweep:202612{day}T{hour:00}0000Z", $$"""{"task":"{{TimescaleSweepStep.Task}}"}"""),
                    "scheduler:test", None);
                Assert.Equal(RunResult.Completed, await kit.RunNextAsync(kit.UpdatesBot));
                Assert.All(await kit.DrainUpdatesAsync(), r => Assert.Equal(RunResult.Completed, r));
            }

            var revised = await kit.Store.FindRevisedExpectedDatesAsync(["form-late"], None);
            Assert.Equal(newDate, revised["form-late"]);
        }

        var files = Directory.GetFiles(kit.Options.OutboxFolder).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                EmailUpdateChannel.FileNameFor("form-late#update:TimescaleAtRisk:2026-12-31#send-update"),
                EmailUpdateChannel.FileNameFor("form-late#update:TimescaleAtRisk:2027-01-08#send-update"),
            ],
            files.Select(Path.GetFileName));
        Assert.Contains("31 December 2026", (await MimeMessage.LoadAsync(files[0])).TextBody, StringComparison.Ordinal);
        Assert.Contains("8 January 2027", (await MimeMessage.LoadAsync(files[1])).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SweepAndTheUpdateItRaised_EachLedgersOnlyItsOwnStep()
    {
        await using var kit = new UpdatesTestKit(mail: null);
        await kit.InitializeAsync();
        kit.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero));
        await kit.EnqueueFormAsync("form-late", "ann@example.org", due: new DateTimeOffset(2026, 12, 22, 17, 0, 0, TimeSpan.Zero));
        var sweep = (await kit.Store.EnqueueAsync(
            new NewWorkItem("updates", "schedule:updates-timescale-sweep:20261221T080000Z", $$"""{"task":"{{TimescaleSweepStep.Task}}"}"""), "scheduler:test", None)).Item;

        Assert.Equal(RunResult.Completed, await kit.RunNextAsync(kit.UpdatesBot));
        Assert.Equal([RunResult.Completed], await kit.DrainUpdatesAsync());

        // A step that does not apply to an outcome costs no ledger row (IDeliveryStep.AppliesTo): three store round trips an update.
        var update = await ((IWorkQueue)kit.Store).FindAsync("form-late#update:TimescaleAtRisk:2026-12-31", None);
        Assert.Equal([TimescaleSweepStep.StepName], (await kit.Store.ListAsync(sweep.Id, None)).Select(e => e.Step));
        Assert.Equal([SendUpdateStep.StepName], (await kit.Store.ListAsync(update!.Id, None)).Select(e => e.Step));
    }

    [Fact]
    public async Task RunAsync_DailyCapReachedOnTheDayOfTheApology_DateStillRememberedAndNoMailOverTheCap()
    {
        await using var kit = new UpdatesTestKit(mail: null, dailyCap: 1);
        await kit.InitializeAsync();
        kit.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 21, 8, 0, 0, TimeSpan.Zero));
        await kit.EnqueueFormAsync("form-late", "ann@example.org", due: new DateTimeOffset(2026, 12, 22, 17, 0, 0, TimeSpan.Zero));
        await kit.EnqueueFormAsync("form-later", "ann@example.org", due: new DateTimeOffset(2026, 12, 22, 17, 0, 0, TimeSpan.Zero));

        await kit.Store.EnqueueAsync(new NewWorkItem("updates", "schedule:updates-timescale-sweep:20261221T080000Z", $$"""{"task":"{{TimescaleSweepStep.Task}}"}"""), "scheduler:test", None);
        Assert.Equal(RunResult.Completed, await kit.RunNextAsync(kit.UpdatesBot));
        await kit.DrainUpdatesAsync();

        // One address, two late items, a cap of one: one mail; both items remember their new date (the page shows it).
        Assert.Single(Directory.GetFiles(kit.Options.OutboxFolder));
        var revised = await kit.Store.FindRevisedExpectedDatesAsync(["form-late", "form-later", "form-unknown"], None);
        Assert.Equal(new DateOnly(2026, 12, 31), revised["form-late"]);
        Assert.Equal(new DateOnly(2026, 12, 31), revised["form-later"]);
        Assert.False(revised.ContainsKey("form-unknown"));
    }

    [Fact]
    public async Task RunAsync_UndatedItemAndExtraBankHolidays_ApologyByTheServiceTimescaleOnTheFleetCalendar()
    {
        // The fleet's calendar settings close Tuesday 8 and Monday 14 December 2026; the service takes 3 working days.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduling:ExtraBankHolidays:0"] = "2026-12-08",
                ["Scheduling:ExtraBankHolidays:1"] = "2026-12-14",
                ["PublicSite:Services:forms:WorkingDays"] = "3",
            })
            .Build();
        var timescales = CaseTimescales.From(configuration, WorkingDayCalendar.From(configuration));
        await using var kit = new UpdatesTestKit(mail: null, timescales: timescales);
        await kit.InitializeAsync();
        await kit.EnqueueFormAsync("form-undated", "ann@example.org");

        // Received Monday 7th: expected Friday 11th (9th, 10th, 11th). Swept Wednesday 9th it is not yet at risk
        // (the next working day is the 10th); swept Thursday 10th it is.
        foreach (var (fire, at) in new[] { ("20261209T080000Z", 9), ("20261210T080000Z", 10) })
        {
            kit.Clock.SetUtcNow(new DateTimeOffset(2026, 12, at, 8, 0, 0, TimeSpan.Zero));
            await kit.Store.EnqueueAsync(new NewWorkItem("updates", $"schedule:updates-timescale-sweep:{fire}", $$"""{"task":"{{TimescaleSweepStep.Task}}"}"""), "scheduler:test", None);
            Assert.Equal(RunResult.Completed, await kit.RunNextAsync(kit.UpdatesBot));
            var sent = await kit.DrainUpdatesAsync();
            Assert.Equal(at == 10 ? 1 : 0, sent.Count);
            Assert.All(sent, r => Assert.Equal(RunResult.Completed, r));
        }

        var mail = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(kit.Options.OutboxFolder)));
        // Five working days after Friday 11th without Monday 14th: 15th, 16th, 17th, 18th and Monday 21st.
        Assert.Contains("21 December 2026", mail.TextBody, StringComparison.Ordinal);
    }
}
