namespace AutomationFleet.Core.Confidence;

/// <summary>The confidence policy's answer for one proposal.</summary>
/// <param name="IsAutomatic">Whether the outcome goes straight through.</param>
/// <param name="Threshold">The threshold that applied.</param>
/// <param name="Reasons">Why not automatic (empty when automatic).</param>
/// <param name="Urgent">Mark urgent in the review queue.</param>
public sealed record PolicyVerdict(bool IsAutomatic, double Threshold, IReadOnlyList<string> Reasons, bool Urgent);
