using System.Globalization;
using System.Text;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.LinkageEvaluation;

/// <summary>A fitted model as text: λ, and m, u and the weight in bits of every level, to check that EM's values are sane.</summary>
public static class ModelReport
{
    /// <summary>The model of <see cref="ComparisonSet.Default"/>, one line per level.</summary>
    public static string Describe(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"lambda {model.Lambda:0.000000}, iterations {model.Iterations}, converged {model.Converged}");
        var comparisons = ComparisonSet.Default.Comparisons;
        for (var k = 0; k < comparisons.Length; k++)
        {
            for (var l = 0; l < comparisons[k].Levels.Count; l++)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {comparisons[k].Name,-14} {comparisons[k].Levels[l],-26} m {model.M[k][l]:0.0000}  u {model.U[k][l]:0.000000}  {Math.Log2(model.M[k][l] / model.U[k][l]),7:+0.00;-0.00} bits");
            }
        }

        return text.ToString();
    }
}
