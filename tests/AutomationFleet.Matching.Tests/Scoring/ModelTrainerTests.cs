using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class ModelTrainerTests
{
    [Fact]
    public void NonMatchShares_SomeRandomPairsMatch_TakesTheirShareOut()
    {
        // 1 % of random pairs match, and 90 % of matches agree: of the 1 % of random pairs that agree, 0.9 % are matches.
        double[][] observed = [[0.01, 0.99]];
        double[][] m = [[0.9, 0.1]];

        var u = ModelTrainer.NonMatchShares(observed, m, 0.01, 250_000);

        Assert.Equal(0.001 / 0.99, u[0][0], 9);
        Assert.Equal(0.989 / 0.99, u[0][1], 9);
        Assert.Equal(1, u[0].Sum(), 9);
    }

    [Fact]
    public void NonMatchShares_MatchesExplainEveryAgreement_KeepsOneInTheSampleCount()
    {
        // The matches account for more agreement than was seen (noise): u cannot fall below what the draw can tell apart.
        double[][] observed = [[0.001, 0.999]];
        double[][] m = [[0.9, 0.1]];

        var u = ModelTrainer.NonMatchShares(observed, m, 0.01, 250_000);

        Assert.Equal(1.0 / 250_000, u[0][0], 3);
        Assert.True(u[0][0] > 0);
        Assert.Equal(1, u[0].Sum(), 9);
    }

    [Fact]
    public void NonMatchShares_NoMatches_LeavesTheObservedShares()
    {
        double[][] observed = [[0.2, 0.3, 0.5]];
        double[][] m = [[0.8, 0.15, 0.05]];

        var u = ModelTrainer.NonMatchShares(observed, m, 0, 250_000);

        Assert.Equal(observed[0], u[0]);
    }
}
