namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>One held-out prediction used to fit thresholds: what was predicted, how sure, and whether it was right.</summary>
public sealed record HeldOutPrediction(string PredictedLabel, double Probability, bool Correct);
