using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Evaluation;

/// <summary>
/// Hyper-parameter search on validation splits only: BANKING77's training part (the scored 20% excluded) split again
/// 80/20, and CLINC150's training part (the scored 20% excluded) against val + oos_val. The scored splits are never
/// touched here. Besides accuracy it prints the best coverage any single threshold reaches at the target precision on
/// the validation set ("oracle" coverage: a measure of how well the confidence ranks right above wrong answers, not
/// a result), for the top probability and for the top-1 minus top-2 margin.
/// </summary>
internal static class Tuning
{
    public static void Run(string root, TextClassifierTrainingOptions options)
    {
        var banking = Datasets.Banking77(root).Training;
        var (bankingTrain, bankingValidation) = DataSplits.Stratified(banking, 0.2, 7);
        Console.WriteLine($"BANKING77 val: {Score(bankingTrain, bankingValidation, options)}");
        var clinc = Datasets.Clinc150(root);
        Console.WriteLine($"CLINC150 val: {Score(clinc.Training, clinc.HeldOut!, options)}");
    }

    private static string Score(IReadOnlyList<LabelledText> train, IReadOnlyList<LabelledText> validation, TextClassifierTrainingOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var model = TextClassifierTrainer.Train(train, validation, options, TimeProvider.System);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var rows = new List<(double Top, double Margin, bool Correct, bool Known)>();
        var probabilities = new float[model.Labels.Count];
        foreach (var item in validation)
        {
            model.Probabilities(item.Text, probabilities);
            var best = 0;
            for (var c = 1; c < probabilities.Length; c++)
            {
                best = probabilities[c] > probabilities[best] ? c : best;
            }

            var second = float.NegativeInfinity;
            for (var c = 0; c < probabilities.Length; c++)
            {
                second = c != best ? Math.Max(second, probabilities[c]) : second;
            }

            rows.Add((probabilities[best], probabilities[best] - second, model.Labels[best] == item.Label, model.Knows(item.Label)));
        }

        var known = rows.Where(r => r.Known).ToList();
        var accuracy = known.Count(r => r.Correct) / (double)known.Count;
        var target = options.Thresholds.TargetPrecision;
        var (topCoverage, topOos) = Oracle(rows, r => r.Top, target);
        var (marginCoverage, marginOos) = Oracle(rows, r => r.Margin, target);
        return string.Create(CultureInfo.InvariantCulture, $"acc {accuracy:0.0000} | oracle cov@{target} top {topCoverage:P1} (oos->review {topOos:P1}) margin {marginCoverage:P1} (oos->review {marginOos:P1}) | T {model.Temperature:0.000} | {seconds:0.0}s");
    }

    private static (double Coverage, double OutOfScopeReview) Oracle(List<(double Top, double Margin, bool Correct, bool Known)> rows, Func<(double Top, double Margin, bool Correct, bool Known), double> score, double target)
    {
        var sorted = rows.OrderByDescending(score).ToList();
        var known = rows.Count(r => r.Known);
        var oos = rows.Count - known;
        int correct = 0, bestTaken = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            correct += sorted[i].Correct ? 1 : 0;
            if (correct >= target * (i + 1))
            {
                bestTaken = i + 1;
            }
        }

        var taken = sorted.Take(bestTaken).ToList();
        return (taken.Count(r => r.Known) / (double)known, oos == 0 ? double.NaN : 1 - (taken.Count(r => !r.Known) / (double)oos));
    }
}
