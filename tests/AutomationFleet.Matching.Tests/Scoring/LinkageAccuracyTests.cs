using AutomationFleet.LinkageEvaluation;
using Xunit.Abstractions;

namespace AutomationFleet.Matching.Tests.Scoring;

/// <summary>
/// The engine on every labelled set of shared/data/linkage, unsupervised (no labels reach the model), against floors.
/// Where a floor sits below the target, the target is not met yet and the README says so.
/// </summary>
public sealed class LinkageAccuracyTests(ITestOutputHelper output)
{
    public static TheoryData<string, double> Sets => new()
    {
        // set, floor for the share of true pairs proposed (match or review); the target is 0.995 everywhere.
        { "FEBRL1", 0.995 },
        { "FEBRL2", 0.995 },
        { "FEBRL3", 0.995 },
        { "fake_1000", 0.995 },
        { "ONS", 0.995 },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Measure_LabelledSet_AutomaticMatchesPreciseAndTruePairsFound(string set, double foundFloor)
    {
        var score = Measure(set);

        Assert.True(score.Precision >= 0.999, $"{set}: precision of automatic matches {score.Precision:0.0000} ({score.CorrectAutomatic}/{score.AutomaticMatches})");
        Assert.True(score.Found >= foundFloor, $"{set}: true pairs found {score.Found:0.0000}, blocking recall {score.BlockingRecall:0.0000}");
    }

    [Fact]
    public void Measure_Febrl3_F1AtTheAutomaticThresholdMeetsTheTarget()
    {
        var score = Measure("FEBRL3");

        // Splink's demo: 0.993 at p = 0.5 (best 0.995); the target at the automatic threshold (0.999, and pairs joined
        // by automatic matches) is 0.995.
        Assert.True(score.F1AtHalf >= 0.995, $"F1 at p = 0.5: {score.F1AtHalf:0.0000}");
        Assert.True(score.F1 >= 0.995, $"F1 at the automatic threshold: {score.F1:0.0000}");
    }

    private LinkageScore Measure(string set)
    {
        var root = Path.GetFullPath(Path.Combine(SharedData.File("linkage", "febrl", "dataset1.csv"), "..", "..", ".."));
        var dataset = set switch
        {
            "fake_1000" => LinkageDataset.Fake1000(root),
            "ONS" => LinkageDataset.Ons(root),
            _ => LinkageDataset.Febrl(root, set[^1] - '0'),
        };
        var score = LinkageScore.Measure(dataset);
        output.WriteLine($"{score.Dataset}: precision {score.Precision:0.0000}, recall {score.Recall:0.0000}, F1 {score.F1:0.0000}, F1 at 0.5 {score.F1AtHalf:0.0000}, found {score.Found:0.0000}, blocking recall {score.BlockingRecall:0.0000}");
        return score;
    }
}
