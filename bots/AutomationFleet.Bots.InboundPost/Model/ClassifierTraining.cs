using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Core.Files;
using AutomationFleet.Text;

namespace AutomationFleet.Bots.InboundPost.Model;

/// <summary>Trains a classifier from labelled examples with thresholds fitted to a target precision (used by the host and the CLI).</summary>
public static class ClassifierTraining
{
    public static TextClassifierTrainingOptions OptionsFor(double targetPrecision) =>
        new() { Thresholds = new ThresholdOptions { TargetPrecision = targetPrecision } };

    /// <summary>Trains on <paramref name="examples"/>; <paramref name="embedder"/> null trains the n-gram view only.</summary>
    public static TextClassifier Train(IReadOnlyList<LabelledText> examples, double targetPrecision, TimeProvider timeProvider, ITextEmbedder? embedder) =>
        TextClassifierTrainer.Train(examples, OptionsFor(targetPrecision), timeProvider, embedder);

    /// <summary>Loads <paramref name="dataPath"/>, trains, and saves the model to <paramref name="modelPath"/> (temp file, then moved).</summary>
    public static TextClassifier TrainAndSave(string dataPath, string modelPath, double targetPrecision, TimeProvider timeProvider, ITextEmbedder? embedder)
    {
        var examples = LabelledTextLoader.Load(dataPath);
        var classifier = Train(examples, targetPrecision, timeProvider, embedder);
        var directory = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        if (directory is not null)
        {
            OwnerOnly.CreateFolder(directory);
        }

        classifier.Save(modelPath);
        return classifier;
    }
}
