using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Tests.Bot;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>
/// The fast prediction path (featurizer, bucket map, register-accumulated scores) computes exactly what the previous
/// implementation did (<see cref="ReferencePrediction"/>): the same columns, the same float values bit for bit.
/// </summary>
public sealed class PredictionEquivalenceTests
{
    public static TheoryData<string> FeaturizerSettings => ["default", "weighted", "narrow"];

    [Theory]
    [MemberData(nameof(FeaturizerSettings))]
    public void Transform_CouncilPostAndOcrPages_SameVectorsAndCountsAsPreviousImplementation(string settings)
    {
        var options = settings switch
        {
            "weighted" => new FeaturizerOptions { WordBlockWeight = 0.7f },
            "narrow" => new FeaturizerOptions { HashBits = 12, MinCharNgram = 2, MaxCharNgram = 6, MaxWordNgram = 3, MinDocumentFrequency = 2 },
            _ => new FeaturizerOptions(),
        };
        var training = LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv")).Select(e => e.Text).ToList();
        var featurizer = TextFeaturizer.Fit(training, options);
        var texts = RealTexts();

        foreach (var text in texts)
        {
            var actual = featurizer.Transform(text, out var stats);
            var (expected, total, unseen, wordNgrams) = ReferencePrediction.Transform(featurizer, text);

            Assert.Equal(expected.Indices, actual.Indices);
            Assert.Equal(Bits(expected.Values), Bits(actual.Values));
            Assert.Equal(new NgramStats(total, unseen, wordNgrams), stats);
        }
    }

    [Fact]
    public void Fit_CouncilPost_SameColumnsAndIdfAsFromPreviousBuckets()
    {
        var training = LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv")).Select(e => e.Text).ToList();
        var options = new FeaturizerOptions();

        var featurizer = TextFeaturizer.Fit(training, options);

        var documentFrequency = new Dictionary<int, int>();
        foreach (var text in training)
        {
            foreach (var bucket in ReferencePrediction.Buckets(text, options).Distinct())
            {
                documentFrequency[bucket] = documentFrequency.GetValueOrDefault(bucket) + 1;
            }
        }

        Assert.Equal(documentFrequency.Keys.Order(), featurizer.Buckets);
        Assert.Equal(
            featurizer.Buckets.Select(b => (float)(Math.Log((1.0 + training.Count) / (1.0 + documentFrequency[b])) + 1.0)),
            featurizer.Idf);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(77)]
    public void Scores_RandomModelsAndVectors_SameFloatsAsRowByRowSums(int classes)
    {
        var random = new Random(classes);
        const int features = 500;
        var weights = new float[features * classes];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var bias = Enumerable.Range(0, classes).Select(_ => (float)random.NextDouble()).ToArray();
        var model = new SoftmaxModel(features, classes, weights, bias);
        var scores = new float[classes];
        var partial = new float[classes];

        for (var trial = 0; trial < 50; trial++)
        {
            var columns = Enumerable.Range(0, features).Where(_ => random.NextDouble() < 0.3).ToArray();
            var values = columns.Select(_ => (float)random.NextDouble()).ToArray();
            var x = new SparseVector(columns, values);

            model.Scores(x, scores);
            model.PartialScores(x, 250, partial);

            Assert.Equal(Bits(ReferencePrediction.Scores(model, x)), Bits(scores));
            Assert.Equal(Bits(ReferencePrediction.PartialScores(model, x, 250)), Bits(partial));
        }
    }

    [Fact]
    public void Classify_TrainedCouncilModel_SameProbabilitiesAsPreviousScores()
    {
        var examples = LabelledTextLoader.Load(Repository.File("config", "training", "council-post.csv"));
        var classifier = TextClassifierTrainer.Train(examples, new TextClassifierTrainingOptions { CrossFitFolds = 3 }, TimeProvider.System);
        foreach (var text in RealTexts())
        {
            var alternatives = classifier.Classify(text).Alternatives;

            var (x, _, _, _) = ReferencePrediction.Transform(classifier.Featurizer, text);
            var expected = ReferencePrediction.Scores(classifier.Model, x);
            SoftmaxModel.SoftmaxInPlace(expected, classifier.Temperature);
            foreach (var alternative in alternatives)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[classifier.Labels.ToList().IndexOf(alternative.Label)]), BitConverter.SingleToInt32Bits((float)alternative.Probability));
            }
        }
    }

    /// <summary>Council letters, the OCR test pages' text (one a dense full page) and edge cases.</summary>
    private static List<string> RealTexts()
    {
        var texts = LabelledTextLoader.Load(Repository.File("config", "training", "council-post-heldout.csv")).Select(e => e.Text).ToList();
        foreach (var page in new[] { "8071_093.3B.txt", "eurotext.txt", "phototest.txt" })
        {
            texts.Add(File.ReadAllText(Repository.SharedData("ocr", page)));
        }

        texts.AddRange([string.Empty, "  ", "a", "I", "ab", "Ünïcödé ÀÉÎ straße ΣΊΣΥΦΟΣ 123 ٣٤", "it's hasn’t O'Brien", new string('x', 200) + " " + new string('7', 90), "A B C D E F G H"]);
        return texts;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
