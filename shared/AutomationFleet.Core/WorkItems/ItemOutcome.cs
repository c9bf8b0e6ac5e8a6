namespace AutomationFleet.Core.WorkItems;

/// <summary>A decided outcome: what the bot (or a reviewer) says should happen.</summary>
/// <param name="OutcomeJson">The outcome as JSON, in the bot's own shape.</param>
/// <param name="Confidence">Confidence in [0, 1]; 1 for a reviewer's decision.</param>
/// <param name="DecidedBy">A bot name, or <c>reviewer:NAME</c>.</param>
public sealed record ItemOutcome(string OutcomeJson, double Confidence, string DecidedBy);
