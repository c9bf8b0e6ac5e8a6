namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Precision, recall and F1 of one category on a scored set.</summary>
public sealed record CategoryScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>How a classifier scored on a labelled set.</summary>
/// <param name="Count">All scored examples.</param>
/// <param name="InScopeCount">Examples whose label the model knows.</param>
/// <param name="OutOfScopeCount">Examples whose label it does not know (e.g. <c>oos</c>).</param>
/// <param name="Accuracy">Top-1 accuracy over in-scope examples.</param>
/// <param name="MacroF1">Mean F1 over the model's categories present in the set.</param>
/// <param name="Categories">Per-category scores.</param>
/// <param name="Coverage">Share of in-scope examples sent automatically.</param>
/// <param name="AutomaticPrecision">Share of automatic predictions that were right (out-of-scope ones are wrong); 1 when none.</param>
/// <param name="AutomaticCount">How many predictions were automatic (in and out of scope).</param>
/// <param name="OutOfScopeRecall">Share of out-of-scope examples sent to review; NaN when there are none.</param>
/// <param name="Reliability">Calibration on in-scope examples.</param>
public sealed record EvaluationReport(
    int Count,
    int InScopeCount,
    int OutOfScopeCount,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<CategoryScore> Categories,
    double Coverage,
    double AutomaticPrecision,
    int AutomaticCount,
    double OutOfScopeRecall,
    Reliability Reliability);
