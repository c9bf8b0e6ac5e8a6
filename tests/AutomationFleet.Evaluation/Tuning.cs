using System.Globalization;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Text;

namespace AutomationFleet.Evaluation;

/// <summary>
/// Settings are chosen here, on validation data only (the scored splits are never touched): BANKING77's training part
/// split again 80/20 (seed 7), with and without 20% of its categories; CLINC150's training part against half of
/// <c>val</c> for fitting and the other half plus <c>oos_val</c> for scoring (no out-of-scope query in training or
/// fitting). Flags override settings: <c>--novel-share S --knn K --quantile Q --shrinkage S --emb-epochs N --emb-lr L --emb-l2 L</c>.
/// </summary>
internal static class Tuning
{
    public static void Run(string root, TextClassifierTrainingOptions defaults, ITextEmbedder? embedder)
    {
        var options = Parse(Environment.GetCommandLineArgs(), defaults);
        Console.WriteLine(FormattableString.Invariant($"novel share {options.NovelShare}, k {options.NeighbourCount}, quantile {options.NoveltyQuantile}, shrinkage {options.NoveltyShrinkage}, embedding SGD epochs {options.EmbeddingSoftmax.Epochs} lr {options.EmbeddingSoftmax.LearningRate} l2 {options.EmbeddingSoftmax.L2}"));
        var banking = Datasets.Banking77(root).Training;
        var (bankingTrain, bankingValidation) = DataSplits.Stratified(banking, 0.2, 7);
        var validation = new EvaluationCase("BANKING77 val", "validation", bankingTrain, null, bankingValidation);
        Score(validation, options, embedder);
        Score(Datasets.LeaveCategoriesOut(validation, 11), options, embedder);

        var clinc = Datasets.Clinc150(root);
        var val = clinc.HeldOut!.Where(e => e.Label != PublicDatasets.OutOfScopeLabel).ToList();
        var (fitting, scored) = DataSplits.Stratified(val, 0.5, 7);
        var oos = clinc.HeldOut!.Where(e => e.Label == PublicDatasets.OutOfScopeLabel);
        Score(new EvaluationCase("CLINC150 val", "validation", clinc.Training, fitting, scored.Concat(oos).ToList()), options, embedder);
    }

    private static void Score(EvaluationCase evaluationCase, TextClassifierTrainingOptions options, ITextEmbedder? embedder)
    {
        var model = evaluationCase.HeldOut is null
            ? TextClassifierTrainer.Train(evaluationCase.Training, options, TimeProvider.System, embedder)
            : TextClassifierTrainer.Train(evaluationCase.Training, evaluationCase.HeldOut, options, TimeProvider.System, embedder);
        var results = model.ClassifyMany(evaluationCase.Scored.Select(e => e.Text).ToList());
        var r = ClassifierEvaluation.Score(model, evaluationCase.Scored, results);
        var view = model.Embeddings is { } v ? FormattableString.Invariant($" | weight {v.Weight:0.00} novelty ≤ {v.Novelty.Threshold:0.00}") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{evaluationCase.Name,-16} {evaluationCase.Protocol[..Math.Min(40, evaluationCase.Protocol.Length)],-40} acc {r.Accuracy:0.0000} automatic {r.Coverage:P1} precision {r.AutomaticPrecision:0.0000} ({r.AutomaticCount}) oos->review {r.OutOfScopeRecall:P1}{view}"));
        Console.WriteLine(Curve(model, evaluationCase.Scored, results));
    }

    /// <summary>
    /// The trade-off between automatic share and precision: for each floor, automatic = at or above both the fitted
    /// threshold and the floor (and not novel).
    /// </summary>
    private static string Curve(TextClassifier model, IReadOnlyList<LabelledText> scored, IReadOnlyList<ClassificationResult> results)
    {
        var parts = new List<string>();
        foreach (var floor in new[] { 0.0, 0.99, 0.995, 0.998, 0.999, 0.9995 })
        {
            var capped = results.Select(x => x with { Automatic = x.Automatic && x.Probability >= floor }).ToList();
            var c = ClassifierEvaluation.Score(model, scored, capped);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"≥{floor:0.####}: {c.Coverage:P1} ({c.AutomaticPrecision:0.0000})"));
        }

        return "    curve " + string.Join(" | ", parts);
    }

    private static TextClassifierTrainingOptions Parse(string[] args, TextClassifierTrainingOptions options)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            var value = args[i + 1];
            double Number() => double.Parse(value, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quantile" => options with { NoveltyQuantile = Number() },
                "--shrinkage" => options with { NoveltyShrinkage = Number() },
                "--novel-share" => options with { NovelShare = Number() },
                "--knn" => options with { NeighbourCount = (int)Number() },
                "--emb-epochs" => options with { EmbeddingSoftmax = options.EmbeddingSoftmax with { Epochs = (int)Number() } },
                "--emb-lr" => options with { EmbeddingSoftmax = options.EmbeddingSoftmax with { LearningRate = Number() } },
                "--emb-l2" => options with { EmbeddingSoftmax = options.EmbeddingSoftmax with { L2 = Number() } },
                _ => options,
            };
        }

        return options;
    }
}
