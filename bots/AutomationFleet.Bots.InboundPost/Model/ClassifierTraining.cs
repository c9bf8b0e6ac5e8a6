using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Model;

/// <summary>Trains a classifier from labelled examples with thresholds fitted to a target precision (used by the host and the CLI).</summary>
public static class ClassifierTraining
{
    public static TextClassifierTrainingOptions OptionsFor(double targetPrecision) =>
        new() { Thresholds = new ThresholdOptions { TargetPrecision = targetPrecision } };

    public static TextClassifier Train(IReadOnlyList<LabelledText> examples, double targetPrecision, TimeProvider timeProvider) =>
        TextClassifierTrainer.Train(examples, OptionsFor(targetPrecision), timeProvider);

    /// <summary>Loads <paramref name="dataPath"/>, trains, and saves the model to <paramref name="modelPath"/> (temp file, then moved).</summary>
    public static TextClassifier TrainAndSave(string dataPath, string modelPath, double targetPrecision, TimeProvider timeProvider)
    {
        var examples = LabelledTextLoader.Load(dataPath);
        var classifier = Train(examples, targetPrecision, timeProvider);
        var directory = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        classifier.Save(modelPath);
        return classifier;
    }
}
