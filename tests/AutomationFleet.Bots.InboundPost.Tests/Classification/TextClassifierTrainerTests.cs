using AutomationFleet.Bots.InboundPost.Classification;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

public sealed class TextClassifierTrainerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 9, 30, 0, TimeSpan.Zero);

    private static TextClassifier CreateSut(TextClassifierTrainingOptions? options = null) =>
        TextClassifierTrainer.Train(SyntheticData.Generate(60, seed: 1), options ?? new TextClassifierTrainingOptions(), new FakeTimeProvider(Now));

    [Fact]
    public void Train_SeparableSyntheticData_ClassifiesUnseenTextsCorrectly()
    {
        var classifier = CreateSut();
        var unseen = SyntheticData.Generate(20, seed: 99);

        var report = ClassifierEvaluation.Evaluate(classifier, unseen);

        Assert.Equal(SyntheticData.Labels.Order(StringComparer.Ordinal), classifier.Labels);
        Assert.True(report.Accuracy >= 0.95, $"accuracy {report.Accuracy}");
        Assert.Equal("highways", classifier.Classify("there is a deep pothole in the road by the junction").Label);
        Assert.Equal("waste", classifier.Classify("my recycling bin collection was missed").Label);
    }

    [Fact]
    public void Train_SeparableSyntheticData_MostPredictionsAreAutomaticAndConfident()
    {
        var classifier = CreateSut();

        var result = classifier.Classify("blue badge parking permit renewal");

        Assert.Equal("blue_badge", result.Label);
        Assert.True(result.Probability > 0.9, $"probability {result.Probability}");
        Assert.Equal(result.Probability >= result.Threshold, result.Automatic);
        Assert.Equal(3, result.Alternatives.Count);
        Assert.Equal(result.Label, result.Alternatives[0].Label);
        Assert.True(result.Alternatives[0].Probability >= result.Alternatives[1].Probability);
    }

    [Fact]
    public void Train_AnyData_RecordsMetadataFromTheInjectedClock()
    {
        var classifier = CreateSut();

        Assert.Equal(Now, classifier.Metadata.TrainedAt);
        Assert.Equal(64, classifier.Metadata.DataSha256.Length);
        Assert.Equal(180, classifier.Metadata.TrainingCount);
        Assert.Equal(180, classifier.Metadata.HeldOutCount);
    }

    [Fact]
    public void Train_OutOfScopeExamples_AreNotACategory()
    {
        var data = SyntheticData.Generate(30, seed: 2);
        data.Add(new LabelledText("what is the weather on mars", PublicDatasets.OutOfScopeLabel));

        var classifier = TextClassifierTrainer.Train(data, new TextClassifierTrainingOptions(), new FakeTimeProvider(Now));

        Assert.DoesNotContain(PublicDatasets.OutOfScopeLabel, classifier.Labels);
    }

    [Fact]
    public void Train_SingleHeldOutSplit_FitsOnTheHeldOutPart()
    {
        var classifier = CreateSut(new TextClassifierTrainingOptions { CrossFitFolds = 0, HeldOutFraction = 0.25 });

        Assert.Equal(135, classifier.Metadata.TrainingCount);
        Assert.Equal(45, classifier.Metadata.HeldOutCount);
    }

    [Fact]
    public void Train_OneCategory_Throws()
    {
        var data = SyntheticData.Generate(10, seed: 3).Where(e => e.Label == "waste").ToList();

        Assert.Throws<ArgumentException>(() => TextClassifierTrainer.Train(data, new TextClassifierTrainingOptions(), new FakeTimeProvider(Now)));
    }

    [Fact]
    public void Classify_EmptyText_ReturnsALabelWithoutThrowing()
    {
        var result = CreateSut().Classify(string.Empty);

        Assert.Contains(result.Label, SyntheticData.Labels);
    }
}
