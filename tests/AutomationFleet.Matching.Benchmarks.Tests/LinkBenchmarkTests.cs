namespace AutomationFleet.Matching.Benchmarks.Tests;

public class LinkBenchmarkTests
{
    [Fact]
    public void Run_SmallSets_FindsTheTruePairs()
    {
        var report = LinkBenchmark.Run(new LinkBenchmarkSettings(Size: 400, Seed: 5, Runs: 1));

        Assert.Equal(200, report.TruePairs);
        Assert.Single(report.Runs);
        Assert.True(report.Runs[0].Seconds > 0);
        Assert.True(report.Precision > 0.95, $"precision {report.Precision}");
        Assert.True(report.FoundRecall > 0.9, $"recall {report.FoundRecall}");
    }

    [Fact]
    public void Generate_RightSide_HalfItsPeopleOnTheLeft()
    {
        var (left, right) = LinkBenchmark.Generate(new LinkBenchmarkSettings(Size: 400, Seed: 5));

        var leftPeople = left.Select(r => r.PersonKey).ToHashSet();
        Assert.Equal(400, left.Length);
        Assert.Equal(400, right.Length);
        Assert.Equal(200, right.Count(r => leftPeople.Contains(r.PersonKey)));
    }
}
