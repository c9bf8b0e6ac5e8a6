using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Model;

/// <summary>
/// The process's one classifier, loaded from <see cref="InboundPostOptions.ModelPath"/> (trained from the training
/// data first if the file does not exist) and shared by every consumer. A <see cref="TextClassifier"/> is immutable,
/// so readers take <see cref="Current"/> without locking; <see cref="Reload"/> swaps in a promoted model. With
/// <c>Classification:Embeddings</c> (the default) models are trained and loaded with the process's text embedder.
/// </summary>
public sealed class ClassifierModel(IOptions<InboundPostOptions> options, TimeProvider timeProvider, ILogger<ClassifierModel> logger, ITextEmbedder? embedder = null)
{
    private readonly Lock _lock = new();
    private volatile TextClassifier? _current;

    public string Path => options.Value.ModelPath;

    /// <summary>The text embedder of the embedding view; null when <c>Classification:Embeddings</c> is false.</summary>
    public ITextEmbedder? Embedder => embedder;

    /// <summary>The loaded classifier; loads (or trains) it on first use.</summary>
    public TextClassifier Current => _current ?? EnsureLoaded();

    /// <summary>The loaded classifier, or the one on disk, or null when there is none yet (never trains).</summary>
    public TextClassifier? CurrentOrNull => _current ?? (File.Exists(Path) ? Reload() : null);

    public TextClassifier EnsureLoaded()
    {
        lock (_lock)
        {
            if (_current is { } loaded)
            {
                return loaded;
            }

            var settings = options.Value;
            if (!File.Exists(settings.ModelPath))
            {
                if (!settings.TrainIfMissing)
                {
                    throw new FileNotFoundException(
                        $"There is no classifier model at {InboundPostOptions.SectionName}:ModelPath '{settings.ModelPath}'.");
                }

                logger.LogInformation(
                    "No classifier model at {ModelPath}; training one from {TrainingData} to precision {TargetPrecision}",
                    settings.ModelPath, settings.TrainingData, settings.TargetPrecision);
                var trained = ClassifierTraining.TrainAndSave(
                    settings.TrainingData, settings.ModelPath, settings.TargetPrecision, timeProvider, embedder);
                var m = trained.Metadata;
                logger.LogInformation(
                    "Trained the classifier on {TrainingCount} examples in {Seconds:0.0} s; held-out accuracy {Accuracy:0.000}, " +
                    "automatic coverage {Coverage:0.000} at precision {Precision:0.000}, ECE {Ece:0.000}; saved to {ModelPath}",
                    m.TrainingCount, m.TrainingSeconds, m.HeldOutAccuracy, m.HeldOutCoverage, m.HeldOutPrecision, m.HeldOutEce,
                    settings.ModelPath);
                _current = trained;
                return trained;
            }

            return LoadLocked();
        }
    }

    /// <summary>Loads the model file again (after a promotion).</summary>
    public TextClassifier Reload()
    {
        lock (_lock)
        {
            return LoadLocked();
        }
    }

    private TextClassifier LoadLocked()
    {
        var classifier = TextClassifier.Load(options.Value.ModelPath, embedder);
        _current = classifier;
        logger.LogInformation(
            "Loaded the classifier from {ModelPath}: {Labels} categories, views {Views}, data {DataSha256}, trained at {TrainedAt}",
            options.Value.ModelPath, classifier.Labels.Count, classifier.Embeddings is { } view ? "n-gram + " + view.EmbedderName : "n-gram",
            classifier.Metadata.DataSha256, classifier.Metadata.TrainedAt);
        return classifier;
    }
}
