namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>What a model was trained from and how it scored on its held-out (calibration and threshold) split.</summary>
/// <param name="DataSha256">SHA-256 over the training and held-out examples (text and label, in order).</param>
/// <param name="TrainedAt">When training finished.</param>
/// <param name="TrainingCount">Examples the weights were fitted on.</param>
/// <param name="HeldOutCount">Examples the temperature and thresholds were fitted on.</param>
/// <param name="HeldOutAccuracy">Accuracy on the held-out in-scope examples.</param>
/// <param name="HeldOutCoverage">Share of held-out in-scope examples that would be automatic.</param>
/// <param name="HeldOutPrecision">Precision of the automatic held-out predictions (out-of-scope items count as errors).</param>
/// <param name="HeldOutEce">Expected calibration error on the held-out in-scope examples, after temperature scaling.</param>
/// <param name="TrainingSeconds">Wall-clock training time.</param>
public sealed record ClassifierTrainingMetadata(
    string DataSha256,
    DateTimeOffset TrainedAt,
    int TrainingCount,
    int HeldOutCount,
    double HeldOutAccuracy,
    double HeldOutCoverage,
    double HeldOutPrecision,
    double HeldOutEce,
    double TrainingSeconds);
