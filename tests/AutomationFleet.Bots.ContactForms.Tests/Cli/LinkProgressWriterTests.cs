using AutomationFleet.Bots.ContactForms.Cli;
using AutomationFleet.Matching.Linking;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.ContactForms.Tests.Cli;

public sealed class LinkProgressWriterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Report_RunEndsBeforeTheFirstLineIsDue_WritesNothing()
    {
        using (var progress = CreateSut())
        {
            progress.Report(new LinkProgress(LinkStage.Normalising, 0, 1000));
            progress.Report(new LinkProgress(LinkStage.Scoring, 4000, 4000));
            _time.Advance(LinkProgressWriter.FirstAfter - TimeSpan.FromMilliseconds(1));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public void Report_LongRun_WritesTheLatestStageWhenDueAndEveryIntervalAfter()
    {
        using var progress = CreateSut();

        _time.Advance(LinkProgressWriter.FirstAfter);
        progress.Report(new LinkProgress(LinkStage.Fitting, 0, 1_500_000));
        _time.Advance(LinkProgressWriter.Every);
        progress.Report(new LinkProgress(LinkStage.Scoring, 500_000, 1_500_000));
        _time.Advance(LinkProgressWriter.Every);

        Assert.Equal(
            [
                "dedupe: reading the input (2 s)",
                "dedupe: fitting the model on 1,500,000 candidate pairs (7 s)",
                "dedupe: scored 500,000 of 1,500,000 candidate pairs (33%) (12 s)",
            ],
            Lines());
    }

    [Fact]
    public void Dispose_AfterLines_WritesNoMore()
    {
        var progress = CreateSut();
        _time.Advance(LinkProgressWriter.FirstAfter);

        progress.Dispose();
        _time.Advance(LinkProgressWriter.Every * 3);

        Assert.Single(Lines());
    }

    private LinkProgressWriter CreateSut() => new(_error, "dedupe", _time);

    private string[] Lines() => _error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
