namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Settings of the multinomial logistic regression's SGD training.</summary>
public sealed record SoftmaxTrainerOptions
{
    /// <summary>L2 penalty per example. Default 1e-5 (chosen on BANKING77/CLINC150 validation splits).</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>Initial learning rate; decays as η0 / (1 + η0·λ·t). Default 0.5.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>Passes over the training data. Default 15.</summary>
    public int Epochs { get; init; } = 15;

    /// <summary>Seed of the per-epoch shuffle, so training is reproducible. Default 17.</summary>
    public int Seed { get; init; } = 17;
}
