using System.Diagnostics;
using System.Globalization;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Evaluation;
using AutomationFleet.Text;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0].ToUpperInvariant() : "ALL";
var flags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
var options = new TextClassifierTrainingOptions();
var root = Datasets.DataRoot();
using var embedder = flags.Contains("--no-embeddings") ? null : Embedders.Create(flags.Contains("--arcticxs") ? TextEmbeddingModel.ArcticXs : TextEmbeddingModel.MiniLM);
Console.WriteLine($"views: {(embedder is null ? "n-gram only" : $"n-gram + embeddings ({embedder.ModelName})")}; target precision {options.Thresholds.TargetPrecision:0.00}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var runs = new List<RunResult>();
switch (command)
{
    case "ALL":
        runs.AddRange(Splits(root));
        runs.AddRange(Unseen(root));
        break;
    case "SPLITS":
        runs.AddRange(Splits(root));
        break;
    case "UNSEEN":
        runs.AddRange(Unseen(root));
        break;
    case "TUNE":
        Tuning.Run(root, options, embedder);
        return 0;
    case "SPEED":
        Speed.Run(root, options, embedder);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{args[0]}': use all, splits, unseen, tune or speed [--no-embeddings | --arcticxs].");
        return 2;
}

Console.WriteLine();
Console.WriteLine("## Measured (markdown)");
Console.WriteLine();
Console.WriteLine("| evaluation | scored (in scope + out of scope) | accuracy | automatic (in scope) | precision of automatic | out-of-scope to review | training |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var r in runs)
{
    var oos = double.IsNaN(r.Report.OutOfScopeRecall) ? "—" : $"{r.Report.OutOfScopeRecall:P1} of {r.Report.OutOfScopeCount}";
    Console.WriteLine($"| {r.Name} | {r.Report.InScopeCount} + {r.Report.OutOfScopeCount} | {r.Report.Accuracy:0.000} | {r.Report.Coverage:P1} | {r.Report.AutomaticPrecision:0.0000} ({r.Report.AutomaticCount}) | {oos} | {r.TrainSeconds:0.0} s |");
}

foreach (var group in runs.Where(r => r.Seed is not null).GroupBy(r => r.Family))
{
    var worst = group.MinBy(r => r.Report.AutomaticPrecision)!;
    Console.WriteLine(FormattableString.Invariant($"\n{group.Key}: mean precision of automatic {group.Average(r => r.Report.AutomaticPrecision):0.0000}, worst {worst.Report.AutomaticPrecision:0.0000} (seed {worst.Seed}); mean automatic {group.Average(r => r.Report.Coverage):P1}; mean out-of-scope to review {group.Average(r => r.Report.OutOfScopeRecall):P1}"));
}

return 0;

IEnumerable<RunResult> Splits(string dataRoot)
{
    yield return Run(Datasets.Banking77(dataRoot), "BANKING77", null);
    yield return Run(Datasets.Clinc150(dataRoot), "CLINC150", null);
    yield return Run(Datasets.Clinc150WithoutOutOfScope(dataRoot), "CLINC150 oos never trained", null);
    yield return Run(Datasets.Cfpb(dataRoot), "CFPB", null);
}

IEnumerable<RunResult> Unseen(string dataRoot)
{
    foreach (var seed in Datasets.LeaveOutSeeds)
    {
        yield return Run(Datasets.LeaveCategoriesOut(Datasets.Banking77(dataRoot), seed), "BANKING77 leave 20 % of categories out", seed);
    }

    foreach (var seed in Datasets.LeaveOutSeeds)
    {
        yield return Run(Datasets.LeaveCategoriesOut(Datasets.Clinc150WithoutOutOfScope(dataRoot), seed), "CLINC150 leave 20 % of categories out", seed);
    }
}

RunResult Run(EvaluationCase evaluationCase, string family, int? seed)
{
    var name = seed is null ? family : $"{family} (seed {seed})";
    Console.WriteLine($"== {name} ==");
    Console.WriteLine($"protocol: {evaluationCase.Protocol}");
    Console.WriteLine($"training {evaluationCase.Training.Count}, fitting {evaluationCase.HeldOut?.Count.ToString(CultureInfo.InvariantCulture) ?? $"({options.CrossFitFolds}-fold out-of-fold)"}, scored {evaluationCase.Scored.Count}");
    var stopwatch = Stopwatch.StartNew();
    var model = evaluationCase.HeldOut is null
        ? TextClassifierTrainer.Train(evaluationCase.Training, options, TimeProvider.System, embedder)
        : TextClassifierTrainer.Train(evaluationCase.Training, evaluationCase.HeldOut, options, TimeProvider.System, embedder);
    var trainSeconds = stopwatch.Elapsed.TotalSeconds;
    var report = ClassifierEvaluation.Evaluate(model, evaluationCase.Scored);
    Reports.Print(model, report, trainSeconds);
    if (model.Embeddings?.Neighbours is { } neighbours && embedder is not null)
    {
        // The neighbour signals' cost beyond the embedding: one search per scored text (embeddings from the cache).
        var embeddings = embedder.EmbedMany(evaluationCase.Scored.Select(e => e.Text).ToList());
        var nearest = new float[neighbours.ClassCount];
        var search = Stopwatch.StartNew();
        foreach (var e in embeddings)
        {
            neighbours.Search(e, nearest);
        }

        Console.WriteLine($"neighbour search: {search.Elapsed.TotalMilliseconds * 1000 / embeddings.Count:0} µs per text, one thread, over {neighbours.Count} training embeddings ({neighbours.Count * neighbours.Dimensions * 4 / 1e6:0.0} MB)");
    }

    return new RunResult(name, family, seed, report, trainSeconds);
}

internal sealed record RunResult(string Name, string Family, int? Seed, EvaluationReport Report, double TrainSeconds);
