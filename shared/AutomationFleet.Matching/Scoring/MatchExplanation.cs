namespace AutomationFleet.Matching.Scoring;

/// <summary>Why a pair scored as it did: the prior plus each field's contribution, in bits (log2 odds), sum to <see cref="TotalBits"/>.</summary>
public sealed record MatchExplanation(double PriorBits, IReadOnlyList<FieldContribution> Fields, double TotalBits, double Probability);

/// <summary>One field's level and contribution in bits (its m/u weight plus any term-frequency adjustment).</summary>
public sealed record FieldContribution(string Field, string Level, double Bits, double TermFrequencyBits);
