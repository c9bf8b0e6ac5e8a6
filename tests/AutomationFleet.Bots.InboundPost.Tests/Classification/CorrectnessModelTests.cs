using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class CorrectnessModelTests
{
    private static readonly string[] Names = ["signal", "noise", "constant"];

    /// <summary>Rows whose first feature predicts correctness (with overlap), a noise feature and a constant one.</summary>
    private static (List<double[]> Rows, List<bool> Correct) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var correct = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            var right = random.NextDouble() < 0.8;
            var signal = (right ? 2.0 : 0.0) + (random.NextDouble() * 2.5);
            rows.Add([signal, random.NextDouble(), 3.0]);
            correct.Add(right);
        }

        return (rows, correct);
    }

    [Fact]
    public void Fit_OneInformativeFeature_ScoresRiseWithItAndIgnoreTheRest()
    {
        var (rows, correct) = Generate(2000, seed: 3);

        var model = CorrectnessModel.Fit(rows, correct, Names, l2: 1);

        Assert.True(model.Weights[0] > 1, $"signal weight {model.Weights[0]}");
        Assert.True(Math.Abs(model.Weights[1]) < 0.2, $"noise weight {model.Weights[1]}");
        Assert.Equal(0, model.Weights[2]);
        Assert.True(model.Score([4.0, 0.5, 3.0]) > 0.99);
        Assert.True(model.Score([0.5, 0.5, 3.0]) < 0.2);
    }

    [Fact]
    public void Fit_CalibratedOnItsData_MeanScoreMatchesShareCorrect()
    {
        var (rows, correct) = Generate(2000, seed: 4);

        var model = CorrectnessModel.Fit(rows, correct, Names, l2: 1e-3);

        var meanScore = rows.Average(r => model.Score(r));
        var shareCorrect = correct.Count(c => c) / (double)correct.Count;
        Assert.Equal(shareCorrect, meanScore, precision: 3);
    }

    [Fact]
    public void Fit_PerfectlySeparable_StaysFiniteAndOrdered()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new double[] { i < 100 ? i : i + 1000, 0, 0 }).ToList();
        var correct = Enumerable.Range(0, 200).Select(i => i >= 100).ToList();

        var model = CorrectnessModel.Fit(rows, correct, Names, l2: 1e-2);

        Assert.True(double.IsFinite(model.Intercept) && model.Weights.All(double.IsFinite));
        Assert.True(model.Score([1100, 0, 0]) > 0.99);
        Assert.True(model.Score([50, 0, 0]) < 0.01);
    }

    [Fact]
    public void Fit_RowsWithoutOutcomes_Throws()
    {
        Assert.Throws<ArgumentException>(() => CorrectnessModel.Fit([[1, 2, 3]], [], Names, 1));
    }
}
