namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Fellegi–Sunter parameters: per comparison and level, m = P(level | match) and u = P(level | non-match), and the
/// prior λ = P(match) among the pairs the model scores.
/// </summary>
/// <param name="M">m per comparison and level.</param>
/// <param name="U">u per comparison and level.</param>
/// <param name="Lambda">The prior probability of a match.</param>
/// <param name="Iterations">EM sessions (or iterations) that fitted m.</param>
/// <param name="Converged">Whether EM converged.</param>
/// <param name="MatchShareOfPairs">
/// The share of all pairs of the records counted for the term frequencies that match, when known (a linker's fit; 0
/// otherwise): the scorer takes the matches out of a value's share as <see cref="ModelTrainer"/> takes them out of u.
/// </param>
/// <param name="SmallestShare">The share of a value held by one record (1 / records counted); 0 when not known.</param>
public sealed record MatchModel(double[][] M, double[][] U, double Lambda, int Iterations, bool Converged, double MatchShareOfPairs = 0, double SmallestShare = 0);
