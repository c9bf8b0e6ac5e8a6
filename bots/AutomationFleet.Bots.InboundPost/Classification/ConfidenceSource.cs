namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>What the thresholds apply to: the score that decides whether a prediction is automatic.</summary>
public enum ConfidenceSource
{
    /// <summary>
    /// Whichever of the other three lets the thresholds automate the most in-scope held-out predictions (each scored
    /// on cross-fitted values).
    /// </summary>
    Best,

    /// <summary>The calibrated top probability.</summary>
    TopProbability,

    /// <summary>A <see cref="CorrectnessModel"/> over the prediction's signals, without nearest-neighbour signals. The default.</summary>
    Correctness,

    /// <summary>A <see cref="CorrectnessModel"/> including the nearest-neighbour signals (the model keeps the training vectors).</summary>
    CorrectnessWithNeighbours,
}
