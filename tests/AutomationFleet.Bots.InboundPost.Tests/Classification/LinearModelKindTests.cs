using AutomationFleet.Bots.InboundPost.Classification;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class LinearModelKindTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(LinearModelKind.Softmax, true)]
    [InlineData(LinearModelKind.LinearSvm, true)]
    [InlineData(LinearModelKind.Ensemble, true)]
    [InlineData(LinearModelKind.Ensemble, false)]
    public void Train_EachModelKind_ClassifiesUnseenTextsCorrectly(LinearModelKind kind, bool averageFoldModels)
    {
        var options = new TextClassifierTrainingOptions { Model = kind, AverageFoldModels = averageFoldModels };
        var classifier = TextClassifierTrainer.Train(SyntheticData.Generate(60, seed: 1), options, new FakeTimeProvider(Now));

        var report = ClassifierEvaluation.Evaluate(classifier, SyntheticData.Generate(20, seed: 99));

        Assert.True(report.Accuracy >= 0.95, $"{kind}: accuracy {report.Accuracy}");
        Assert.Equal("highways", classifier.Classify("there is a deep pothole in the road by the junction").Label);
        Assert.Equal(180, classifier.Metadata.TrainingCount);
    }

    [Fact]
    public void Train_Ensemble_SavesAndLoadsWithIdenticalPredictions()
    {
        var options = new TextClassifierTrainingOptions { Model = LinearModelKind.Ensemble };
        var classifier = TextClassifierTrainer.Train(SyntheticData.Generate(40, seed: 4), options, new FakeTimeProvider(Now));
        var path = Path.Combine(Path.GetTempPath(), $"ensemble-{Guid.NewGuid():N}.afcm");
        try
        {
            classifier.Save(path);
            var loaded = TextClassifier.Load(path);

            foreach (var text in SyntheticData.Generate(3, seed: 8).Select(e => e.Text))
            {
                Assert.Equal(classifier.Classify(text), loaded.Classify(text), new ResultComparer());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Train_LinearSvm_SameSeed_IsReproducible()
    {
        var options = new TextClassifierTrainingOptions { Model = LinearModelKind.LinearSvm, CrossFitFolds = 0 };
        var data = SyntheticData.Generate(30, seed: 6);

        var first = TextClassifierTrainer.Train(data, options, new FakeTimeProvider(Now));
        var second = TextClassifierTrainer.Train(data, options, new FakeTimeProvider(Now));

        Assert.Equal(first.Classify("bin day missed again").Probability, second.Classify("bin day missed again").Probability);
    }

    private sealed class ResultComparer : IEqualityComparer<ClassificationResult>
    {
        public bool Equals(ClassificationResult? x, ClassificationResult? y) =>
            x is not null && y is not null && x.Label == y.Label && x.Probability == y.Probability && x.Automatic == y.Automatic;

        public int GetHashCode(ClassificationResult obj) => obj.Label.GetHashCode(StringComparison.Ordinal);
    }
}
