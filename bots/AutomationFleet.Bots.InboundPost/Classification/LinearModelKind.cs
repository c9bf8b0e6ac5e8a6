namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>The linear scorer under the calibrated softmax.</summary>
public enum LinearModelKind
{
    /// <summary>Multinomial logistic regression (<see cref="SoftmaxTrainerOptions"/>).</summary>
    Softmax,

    /// <summary>One-vs-rest linear SVM, squared hinge loss (<see cref="LinearSvmOptions"/>).</summary>
    LinearSvm,

    /// <summary>SVM scores plus weighted softmax logits, folded into one linear model.</summary>
    Ensemble,
}
