namespace AutomationFleet.Core.Metrics;

/// <summary>One reviewed proposal: the bot's confidence and whether the reviewer agreed with it.</summary>
/// <param name="Confidence">The bot's confidence, 0..1.</param>
/// <param name="Agreed">True when the reviewer approved the proposal as it was.</param>
public readonly record struct ConfidenceSample(double Confidence, bool Agreed);
