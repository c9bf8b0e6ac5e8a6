using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Evaluation;

/// <summary>One benchmark: what the model trains on, what fits its temperature and thresholds, and what scores it.</summary>
internal sealed record EvaluationCase(
    string Name,
    string Protocol,
    IReadOnlyList<LabelledText> Training,
    IReadOnlyList<LabelledText>? HeldOut,
    IReadOnlyList<LabelledText> Scored);
