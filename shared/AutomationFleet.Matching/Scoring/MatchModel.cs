namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Fellegi–Sunter parameters: per comparison and level, m = P(level | match) and u = P(level | non-match), and the
/// prior λ = P(match) among the pairs the model scores.
/// </summary>
public sealed record MatchModel(double[][] M, double[][] U, double Lambda, int Iterations, bool Converged);
