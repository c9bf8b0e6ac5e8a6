namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Everything that decides how a <see cref="TextClassifier"/> is trained.</summary>
public sealed record TextClassifierTrainingOptions
{
    /// <summary>
    /// How text becomes features. Default: the <see cref="FeaturizerOptions"/> defaults (no stemming, no digit
    /// folding). Porter stems for word n-grams raised validation accuracy slightly (+0.25 points BANKING77, +0.16
    /// CLINC150) but lowered the automatic share at 0.99 on both validation splits, so they are off.
    /// </summary>
    public FeaturizerOptions Featurizer { get; init; } = new();

    /// <summary>Which linear scorer is trained. Default <see cref="LinearModelKind.Ensemble"/> (chosen on validation splits).</summary>
    public LinearModelKind Model { get; init; } = LinearModelKind.Ensemble;

    public SoftmaxTrainerOptions Softmax { get; init; } = new();

    public LinearSvmOptions LinearSvm { get; init; } = new();

    /// <summary>
    /// With <see cref="LinearModelKind.Ensemble"/>: the scores are SVM scores plus this times the softmax logits
    /// (both linear, so the sum is one linear model and prediction costs the same). Default 1.
    /// </summary>
    public double EnsembleSoftmaxWeight { get; init; } = 1;

    public ThresholdOptions Thresholds { get; init; } = new();

    /// <summary>Share of the data held out (stratified) for calibration and thresholds when no held-out set is given. Default 0.2.</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>
    /// Label of examples that fit no category. They are never trained on; in the held-out set they count as errors
    /// for any category predicted, so the thresholds learn to reject them. Default <c>oos</c>.
    /// </summary>
    public string OutOfScopeLabel { get; init; } = PublicDatasets.OutOfScopeLabel;

    /// <summary>
    /// When no held-out set is given: with 2 or more, temperature and thresholds are fitted on out-of-fold predictions of
    /// this many stratified folds and the final weights are trained on all examples; below 2, a single stratified
    /// <see cref="HeldOutFraction"/> is held out and never trained on. Default 10: fold models trained on 90% rank
    /// their out-of-fold predictions nearly as well as the final model ranks new texts (5 folds fitted lower coverage).
    /// </summary>
    public int CrossFitFolds { get; init; } = 10;

    /// <summary>
    /// When cross-fitting: true makes the final weights the average of the fold models (mapped onto features fitted on
    /// all examples), so the model that is used is made like the ones whose out-of-fold predictions fitted the
    /// temperature and thresholds, and those transfer; false trains the final weights once more on all examples
    /// (a stronger model than the folds, so the fitted thresholds are conservative for it). Default true.
    /// </summary>
    public bool AverageFoldModels { get; init; } = true;

    /// <summary>
    /// What thresholds apply to. Default <see cref="ConfidenceSource.Correctness"/>: a <see cref="CorrectnessModel"/>
    /// fitted on the held-out (or out-of-fold) predictions, without nearest-neighbour signals. On validation splits it
    /// automated more than the top probability on both BANKING77 and CLINC150; the neighbour signals helped on
    /// CLINC150 and hurt on BANKING77, and choosing per training run (<see cref="ConfidenceSource.Best"/>) was noisy.
    /// </summary>
    public ConfidenceSource Confidence { get; init; } = ConfidenceSource.Correctness;

    /// <summary>Folds over the held-out predictions for cross-fitting the correctness model's scores. Default 5.</summary>
    public int CorrectnessFolds { get; init; } = 5;

    /// <summary>
    /// L2 penalty on the correctness model's standardised weights (a total, not per example). Default 10 (validation:
    /// 0.1, 1 and 10 automated the same share of BANKING77; 10 the most of CLINC150, by under a point).
    /// </summary>
    public double CorrectnessL2 { get; init; } = 10;

    /// <summary>
    /// The correctness model is fitted only with at least this many right and this many wrong held-out predictions;
    /// otherwise thresholds apply to the top probability. Default 30.
    /// </summary>
    public int MinCorrectnessExamples { get; init; } = 30;

    /// <summary>Seed of the held-out split. Default 42.</summary>
    public int SplitSeed { get; init; } = 42;
}
