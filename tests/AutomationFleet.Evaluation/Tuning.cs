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
        var flags = Environment.GetCommandLineArgs();
        var pipelineOnly = flags.Contains("--pipeline-only");
        var doBanking = !flags.Contains("--clinc-only");
        var doClinc = !flags.Contains("--banking-only");
        var banking = Datasets.Banking77(root).Training;
        var (bankingTrain, bankingValidation) = DataSplits.Stratified(banking, 0.2, 7);
        var clinc = Datasets.Clinc150(root);
        if (!pipelineOnly)
        {
            Console.WriteLine($"BANKING77 val: {Score(bankingTrain, bankingValidation, options)}");
            Console.WriteLine($"CLINC150 val: {Score(clinc.Training, clinc.HeldOut!, options)}");
        }

        if (!flags.Contains("--pipeline") && !pipelineOnly)
        {
            return;
        }

        // The whole pipeline as the scored runs use it, on validation data only: BANKING77 cross-fitted on its
        // training part and scored on the validation part; CLINC150 thresholds fitted on one half of val+oos_val and
        // scored on the other half, both ways.
        if (doBanking)
        {
            var stopwatch = Stopwatch.StartNew();
            var banked = TextClassifierTrainer.Train(bankingTrain, options, TimeProvider.System);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var confidence = banked.ClassifyMany(bankingValidation.Select(v => v.Text).ToList()).Select((r, i) => (r.Probability, 0.0, r.Label == bankingValidation[i].Label, true)).ToList();
            Console.WriteLine($"BANKING77 oracle cov@{options.Thresholds.TargetPrecision} of the confidence: {Oracle(confidence, r => r.Item1, options.Thresholds.TargetPrecision).Coverage:P1}");
            Console.WriteLine($"BANKING77 pipeline: {Describe(ClassifierEvaluation.Evaluate(banked, bankingValidation))} | {seconds:0.0}s | fitting: global {banked.Thresholds.Global:0.0000} T {banked.Temperature:0.000} acc {banked.Metadata.HeldOutAccuracy:0.0000} automatic {banked.Metadata.HeldOutCoverage:P1} precision {banked.Metadata.HeldOutPrecision:0.0000}, raised {banked.Thresholds.PerCategory.Values.Count(v => v > banked.Thresholds.Global)}{DescribeCorrectness(banked)}");
        }

        if (!doClinc)
        {
            return;
        }

        // One set of weights; temperature, correctness model and thresholds fitted on 4/5 of val+oos_val and scored
        // on the other 1/5, five times; the counts are pooled.
        var weights = TextClassifierTrainer.Train(clinc.Training, clinc.HeldOut!, options, TimeProvider.System);
        var fitting = clinc.HeldOut!;
        var part = new int[fitting.Count];
        var random = new Random(11);
        var order = Enumerable.Range(0, fitting.Count).ToArray();
        random.Shuffle(order);
        for (var r = 0; r < order.Length; r++)
        {
            part[order[r]] = r % 5;
        }

        int inScope = 0, inScopeAutomatic = 0, automatic = 0, automaticRight = 0, oos = 0, oosReview = 0;
        for (var p = 0; p < 5; p++)
        {
            var fit = fitting.Where((_, i) => part[i] != p).ToList();
            var scored = fitting.Where((_, i) => part[i] == p).ToList();
            var model = TextClassifierTrainer.Recalibrate(weights, fit, options, TimeProvider.System);
            var r = ClassifierEvaluation.Evaluate(model, scored);
            inScope += r.InScopeCount;
            inScopeAutomatic += (int)Math.Round(r.Coverage * r.InScopeCount);
            automatic += r.AutomaticCount;
            automaticRight += (int)Math.Round(r.AutomaticPrecision * r.AutomaticCount);
            oos += r.OutOfScopeCount;
            oosReview += (int)Math.Round(r.OutOfScopeRecall * r.OutOfScopeCount);
            Console.WriteLine($"CLINC150 pipeline part {p}: {Describe(r)} | fitting: global {model.Thresholds.Global:0.0000} automatic {model.Metadata.HeldOutCoverage:P1} precision {model.Metadata.HeldOutPrecision:0.0000}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CLINC150 pipeline pooled: automatic {inScopeAutomatic / (double)inScope:P1} precision {automaticRight / (double)automatic:0.0000} ({automatic}) oos->review {oosReview / (double)oos:P1}{DescribeCorrectness(weights)}"));
    }

    private static string DescribeCorrectness(TextClassifier model) => model.Correctness is null
        ? " | no correctness model"
        : " | correctness " + string.Join(", ", model.Correctness.FeatureNames.Select((n, j) => string.Create(CultureInfo.InvariantCulture, $"{n} {model.Correctness.Weights[j]:0.00}"))) + string.Create(CultureInfo.InvariantCulture, $", intercept {model.Correctness.Intercept:0.00}");

    private static string Describe(EvaluationReport r) =>
        string.Create(CultureInfo.InvariantCulture, $"acc {r.Accuracy:0.0000} automatic {r.Coverage:P1} precision {r.AutomaticPrecision:0.0000} ({r.AutomaticCount}) oos->review {r.OutOfScopeRecall:P1}");

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

/// <summary>Does agreement between the SVM and the softmax model rank right above wrong answers better? Validation only.</summary>
internal static class AgreementProbe
{
    public static void Run(string root, TextClassifierTrainingOptions options)
    {
        var banking = Datasets.Banking77(root).Training;
        var (train, validation) = DataSplits.Stratified(banking, 0.2, 7);
        Probe("BANKING77", train, validation, options);
        var clinc = Datasets.Clinc150(root);
        Probe("CLINC150", clinc.Training, clinc.HeldOut!, options);
    }

    private static void Probe(string name, IReadOnlyList<LabelledText> train, IReadOnlyList<LabelledText> validation, TextClassifierTrainingOptions options)
    {
        var lr = TextClassifierTrainer.Train(train, validation, options with { Model = LinearModelKind.Softmax }, TimeProvider.System);
        var svm = TextClassifierTrainer.Train(train, validation, options with { Model = LinearModelKind.LinearSvm }, TimeProvider.System);
        var k = lr.Labels.Count;
        var rows = new List<(double[] Scores, bool[] Correct, bool Known)>();
        var p = new float[k];
        var q = new float[k];
        foreach (var item in validation)
        {
            lr.Probabilities(item.Text, p);
            svm.Probabilities(item.Text, q);
            var a = ArgMax(p);
            var b = ArgMax(q);
            var avg = new float[k];
            for (var c = 0; c < k; c++)
            {
                avg[c] = (p[c] + q[c]) / 2;
            }

            var m = ArgMax(avg);
            var geo = new float[k];
            for (var c = 0; c < k; c++)
            {
                geo[c] = MathF.Sqrt(p[c] * q[c]);
            }

            var g = ArgMax(geo);
            rows.Add((
                [p[a], q[b], avg[m], a == b ? Math.Min(p[a], q[b]) : 0, geo[g]],
                [lr.Labels[a] == item.Label, lr.Labels[b] == item.Label, lr.Labels[m] == item.Label, lr.Labels[a] == item.Label, lr.Labels[g] == item.Label],
                lr.Knows(item.Label)));
        }

        var names = new[] { "lr", "svm", "avg", "agree-min", "geo" };
        for (var s = 0; s < names.Length; s++)
        {
            var sorted = rows.OrderByDescending(r => r.Scores[s]).ToList();
            int correct = 0, best = 0;
            for (var i = 0; i < sorted.Count; i++)
            {
                correct += sorted[i].Correct[s] ? 1 : 0;
                if (correct >= 0.99 * (i + 1))
                {
                    best = i + 1;
                }
            }

            var known = rows.Count(r => r.Known);
            var accuracy = rows.Count(r => r.Known && r.Correct[s]) / (double)known;
            Console.WriteLine(FormattableString.Invariant($"{name} {names[s],-10} acc {accuracy:0.0000} oracle cov {sorted.Take(best).Count(r => r.Known) / (double)known:P1}"));
        }
    }

    private static int ArgMax(float[] v)
    {
        var best = 0;
        for (var c = 1; c < v.Length; c++)
        {
            best = v[c] > v[best] ? c : best;
        }

        return best;
    }
}
