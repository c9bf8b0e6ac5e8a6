namespace AutomationFleet.Bots.InboundPost.Retraining;

/// <summary>The retraining bot's outcome: whether to promote the candidate model, and the numbers behind it.</summary>
public sealed record RetrainProposal(
    bool Promote,
    string Reason,
    int Corrections,
    int TrainingExamples,
    int HeldOutExamples,
    double? CurrentPrecision,
    double? CurrentCoverage,
    double? CandidatePrecision,
    double? CandidateCoverage,
    string? CandidatePath,
    string? CandidateSha256);
