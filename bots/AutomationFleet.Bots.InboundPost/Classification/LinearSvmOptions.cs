namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Settings of the one-vs-rest linear SVM (squared hinge loss, L2 penalty) trained by dual coordinate descent,
/// as LIBLINEAR's solver 1.
/// </summary>
public sealed record LinearSvmOptions
{
    /// <summary>Cost of a margin violation (inverse L2 strength). Default 0.5.</summary>
    public double C { get; init; } = 0.5;

    /// <summary>Stop when the spread of the projected gradient falls below this. Default 0.1 (LIBLINEAR's default).</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>Most passes over the data per class. Default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Seed of the coordinate order, so training is reproducible. Default 17.</summary>
    public int Seed { get; init; } = 17;
}
