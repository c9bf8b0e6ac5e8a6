using AutomationFleet.Bots.Updates.Channels;
using AutomationFleet.Bots.Updates.Timescale;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using MimeKit;

namespace AutomationFleet.Bots.Updates.Tests.Timescale;

/// <summary>
/// The timescale sweep on the England and Wales working-day calendar, with SMTP off: the apology lands in the outbox
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
        Assert.Equal(EmailUpdateChannel.FileNameFor("form-late#update:TimescaleAtRisk#send-update"), Path.GetFileName(file));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("ann@example.org", mail.To.Mailboxes.Single().Address);
        // Five working days after Monday 21 December 2026: Christmas Day and the Boxing Day substitute (Monday 28th) skipped.
        Assert.Contains("30 December 2026", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-24", 1, "2026-12-29")]
    [InlineData("2026-04-02", 1, "2026-04-07")]
    [InlineData("2026-12-07", 5, "2026-12-14")]
    public void AddWorkingDays_AcrossWeekendsAndBankHolidays_SkipsThem(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimescaleSweepStep.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));
}
