namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Everything that decides how a <see cref="TextClassifier"/> is trained.</summary>
public sealed record TextClassifierTrainingOptions
{
    /// <summary>How text becomes features. Default: the <see cref="FeaturizerOptions"/> defaults.</summary>
    public FeaturizerOptions Featurizer { get; init; } = new();

    public SoftmaxTrainerOptions Softmax { get; init; } = new();

    public LinearSvmOptions LinearSvm { get; init; } = new();

    /// <summary>
    /// The n-gram scores are the linear SVM's plus this times the softmax logits (both linear, so the sum is one linear
    /// model and prediction costs the same as either). Default 1.
    /// </summary>
    public double EnsembleSoftmaxWeight { get; init; } = 1;

    /// <summary>
    /// SGD settings of the embedding view's logistic regression (on standardised embedding dimensions). Default 30
    /// epochs, η0 = 0.1, λ = 3e-3: on BANKING77 validation the view alone scored 0.923 accuracy, against 0.894 for 10
    /// epochs, η0 = 0.05, λ = 1e-4 (more epochs and stronger L2 both helped; η0 0.1–0.3 alike).
    /// </summary>
    public SoftmaxTrainerOptions EmbeddingSoftmax { get; init; } = new() { Epochs = 30, LearningRate = 0.1, L2 = 3e-3 };

    /// <summary>
    /// Share of the embedding covariance replaced by a multiple of the identity for the novelty detector (a few
    /// hundred examples do not fill 384 dimensions). Default 0.1.
    /// </summary>
    public double NoveltyShrinkage { get; init; } = 0.1;

    /// <summary>
    /// The novelty threshold is this quantile of the novelty distances of held-out (or out-of-fold) in-scope texts, so
    /// about 1 − this share of texts like the training data are sent to a person as novel. Default 0.99.
    /// </summary>
    public double NoveltyQuantile { get; init; } = 0.99;

    /// <summary>
    /// k of the nearest-neighbour signals: the correctness model sees the cosine distance to the k-th nearest training
    /// text, to the nearest one of the predicted label and its gap to the runner-up label's. The training embeddings are
    /// then kept in the model. Below 1, no neighbour index and those features are 0. Default 10.
    /// </summary>
    public int NeighbourCount { get; init; } = 10;

    /// <summary>
    /// The categories are split into this many groups to make predictions for categories a model never saw (each group
    /// left out of one extra training); below 2, none are made. Default 5.
    /// </summary>
    public int NovelCategoryFolds { get; init; } = 5;

    /// <summary>
    /// Share of the predictions that the correctness model and thresholds are fitted on that are for never-seen
    /// categories (all counted as errors). 0 fits on familiar categories only. Default 0.02: on validation the lowest
    /// share tried (0, 0.01, 0.02, 0.05, 0.2) that kept the precision of automatic decisions at or above 0.99 when 20%
    /// of BANKING77's categories were never trained on; each step up costs coverage on familiar post.
    /// </summary>
    public double NovelShare { get; init; } = 0.02;

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
    /// this many stratified folds and the final weights are the average of the fold models (mapped onto features fitted on all
    /// examples), so the model that is used is made like the ones whose out-of-fold predictions fitted the temperature
    /// and thresholds; below 2, a single stratified
    /// <see cref="HeldOutFraction"/> is held out and never trained on. Default 10: fold models trained on 90% rank
    /// their out-of-fold predictions nearly as well as the final model ranks new texts (5 folds fitted lower coverage).
    /// </summary>
    public int CrossFitFolds { get; init; } = 10;

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
