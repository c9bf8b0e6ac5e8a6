using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Evaluation;

var invariant = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentCulture = invariant;
CultureInfo.CurrentCulture = invariant;

var command = args.Length > 0 ? args[0].ToUpperInvariant() : "ALL";
var options = ParseOptions(args.Skip(1).Where(a => a is not ("--pipeline" or "--pipeline-only" or "--banking-only" or "--clinc-only")).ToArray());
var root = Datasets.DataRoot();

var cases = command switch
{
    "BANKING77" => [Datasets.Banking77(root)],
    "CLINC150" => [Datasets.Clinc150(root)],
    "CFPB" => [Datasets.Cfpb(root)],
    "ALL" => new[] { Datasets.Banking77(root), Datasets.Clinc150(root), Datasets.Cfpb(root) },
    "TUNE" => null,
    "AGREEMENT" => [],
    _ => throw new ArgumentException($"Unknown command '{args[0]}': use banking77, clinc150, cfpb, all or tune."),
};

if (cases is { Length: 0 })
{
    AgreementProbe.Run(root, options);
    return 0;
}

if (cases is null)
{
    Tuning.Run(root, options);
    return 0;
}

var summaries = new List<(EvaluationCase Case, EvaluationReport Report, double TrainSeconds, double DocsPerSecond, double SingleThreadDocsPerSecond, TextClassifier Model)>();
foreach (var evaluationCase in cases)
{
    Console.WriteLine($"== {evaluationCase.Name} ==");
    Console.WriteLine($"protocol: {evaluationCase.Protocol}");
    Console.WriteLine($"training {evaluationCase.Training.Count}, fitting {evaluationCase.HeldOut?.Count.ToString(invariant) ?? $"({options.CrossFitFolds}-fold out-of-fold)"}, scored {evaluationCase.Scored.Count}");
    var stopwatch = Stopwatch.StartNew();
    var model = evaluationCase.HeldOut is null
        ? TextClassifierTrainer.Train(evaluationCase.Training, options, TimeProvider.System)
        : TextClassifierTrainer.Train(evaluationCase.Training, evaluationCase.HeldOut, options, TimeProvider.System);
    var trainSeconds = stopwatch.Elapsed.TotalSeconds;

    var texts = evaluationCase.Scored.Select(s => s.Text).ToList();
    model.ClassifyMany(texts.Take(200).ToList());
    stopwatch.Restart();
    var results = model.ClassifyMany(texts);
    var docsPerSecond = texts.Count / stopwatch.Elapsed.TotalSeconds;
    stopwatch.Restart();
    foreach (var text in texts)
    {
        model.Classify(text);
    }

    var singleThread = texts.Count / stopwatch.Elapsed.TotalSeconds;
    var report = ClassifierEvaluation.Score(model, evaluationCase.Scored, results);
    PrintReport(evaluationCase, model, report, trainSeconds, docsPerSecond, singleThread);
    summaries.Add((evaluationCase, report, trainSeconds, docsPerSecond, singleThread, model));
}

Console.WriteLine();
Console.WriteLine("## Measured (markdown)");
Console.WriteLine();
Console.WriteLine($"Target precision {options.Thresholds.TargetPrecision:0.00}. Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
Console.WriteLine();
Console.WriteLine("| data | scored | accuracy | macro F1 | automatic (in scope) | precision of automatic | out-of-scope to review | ECE | training | docs/s (parallel / 1 thread) |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var s in summaries)
{
    var oos = double.IsNaN(s.Report.OutOfScopeRecall) ? "—" : $"{s.Report.OutOfScopeRecall:P1} of {s.Report.OutOfScopeCount}";
    Console.WriteLine($"| {s.Case.Name} | {s.Report.Count} | {s.Report.Accuracy:0.000} | {s.Report.MacroF1:0.000} | {s.Report.Coverage:P1} | {s.Report.AutomaticPrecision:0.0000} ({s.Report.AutomaticCount}) | {oos} | {s.Report.Reliability.ExpectedCalibrationError:0.000} | {s.TrainSeconds:0.0} s | {s.DocsPerSecond:N0} / {s.SingleThreadDocsPerSecond:N0} |");
}

return 0;

static void PrintReport(EvaluationCase evaluationCase, TextClassifier model, EvaluationReport report, double trainSeconds, double docsPerSecond, double singleThread)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"accuracy            {report.Accuracy:0.0000} (in-scope {report.InScopeCount})");
    text.AppendLine(CultureInfo.InvariantCulture, $"macro F1            {report.MacroF1:0.0000}");
    text.AppendLine(CultureInfo.InvariantCulture, $"automatic           {report.Coverage:P2} of in-scope at target {model.Thresholds.TargetPrecision:0.00}; {report.AutomaticCount} automatic, precision achieved {report.AutomaticPrecision:0.0000}");
    if (!double.IsNaN(report.OutOfScopeRecall))
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"out-of-scope recall {report.OutOfScopeRecall:P2} of {report.OutOfScopeCount} sent to review");
    }

    text.AppendLine(CultureInfo.InvariantCulture, $"confidence          {(model.Correctness is null ? "top probability" : !model.UsesNeighbours ? "correctness model" : "correctness model with neighbours")}");
    text.AppendLine(CultureInfo.InvariantCulture, $"ECE                 {report.Reliability.ExpectedCalibrationError:0.0000} (temperature {model.Temperature:0.000})");
    text.AppendLine(CultureInfo.InvariantCulture, $"thresholds          global {model.Thresholds.Global:0.000}; per category {model.Thresholds.PerCategory.Count} (median {Median(model.Thresholds.PerCategory.Values):0.000}); unreachable {model.Thresholds.PerCategory.Values.Count(v => v >= CategoryThresholds.Unreachable)}");
    text.AppendLine(CultureInfo.InvariantCulture, $"held-out (fitting)  accuracy {model.Metadata.HeldOutAccuracy:0.0000}, coverage {model.Metadata.HeldOutCoverage:P1}, precision {model.Metadata.HeldOutPrecision:0.0000}");
    text.AppendLine(CultureInfo.InvariantCulture, $"training time       {trainSeconds:0.00} s ({model.Metadata.TrainingCount} examples, {model.Labels.Count} categories)");
    text.AppendLine(CultureInfo.InvariantCulture, $"throughput          {docsPerSecond:N0} docs/s parallel, {singleThread:N0} docs/s one thread");
    var ranked = report.Categories.Where(c => c.Support > 0).OrderByDescending(c => c.F1).ToList();
    text.AppendLine("best categories (precision / recall / support):");
    foreach (var c in ranked.Take(5))
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"  {c.Label,-45} {c.Precision:0.000} / {c.Recall:0.000} / {c.Support}");
    }

    text.AppendLine("worst categories:");
    foreach (var c in ranked.TakeLast(5))
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"  {c.Label,-45} {c.Precision:0.000} / {c.Recall:0.000} / {c.Support}");
    }

    text.AppendLine("reliability (confidence bin: count, mean confidence, accuracy):");
    foreach (var bin in report.Reliability.Bins.Where(b => b.Count > 0))
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"  [{bin.Lower:0.0}, {bin.Upper:0.0}) {bin.Count,6} {bin.MeanConfidence:0.000} {bin.Accuracy:0.000}");
    }

    Console.Write(text.ToString());
    Console.WriteLine();
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}

static TextClassifierTrainingOptions ParseOptions(string[] args)
{
    var options = new TextClassifierTrainingOptions();
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        var value = args[i + 1];
        options = args[i] switch
        {
            "--target" => options with { Thresholds = options.Thresholds with { TargetPrecision = double.Parse(value, CultureInfo.InvariantCulture) } },
            "--l2" => options with { Softmax = options.Softmax with { L2 = double.Parse(value, CultureInfo.InvariantCulture) } },
            "--lr" => options with { Softmax = options.Softmax with { LearningRate = double.Parse(value, CultureInfo.InvariantCulture) } },
            "--epochs" => options with { Softmax = options.Softmax with { Epochs = int.Parse(value, CultureInfo.InvariantCulture) } },
            "--min-support" => options with { Thresholds = options.Thresholds with { MinSupport = int.Parse(value, CultureInfo.InvariantCulture) } },
            "--char-max" => options with { Featurizer = options.Featurizer with { MaxCharNgram = int.Parse(value, CultureInfo.InvariantCulture) } },
            "--model" => options with { Model = Enum.Parse<LinearModelKind>(value, ignoreCase: true) },
            "--c" => options with { LinearSvm = options.LinearSvm with { C = double.Parse(value, CultureInfo.InvariantCulture) } },
            "--ensemble-weight" => options with { EnsembleSoftmaxWeight = double.Parse(value, CultureInfo.InvariantCulture) },
            "--word-max" => options with { Featurizer = options.Featurizer with { MaxWordNgram = int.Parse(value, CultureInfo.InvariantCulture) } },
            "--char-min" => options with { Featurizer = options.Featurizer with { MinCharNgram = int.Parse(value, CultureInfo.InvariantCulture) } },
            "--word-weight" => options with { Featurizer = options.Featurizer with { WordBlockWeight = float.Parse(value, CultureInfo.InvariantCulture) } },
            "--wilson-z" => options with { Thresholds = options.Thresholds with { WilsonZ = double.Parse(value, CultureInfo.InvariantCulture) } },
            "--retrain-final" => options with { AverageFoldModels = !bool.Parse(value) },
            "--confidence" => options with { Confidence = Enum.Parse<ConfidenceSource>(value, ignoreCase: true) },
            "--correctness-l2" => options with { CorrectnessL2 = double.Parse(value, CultureInfo.InvariantCulture) },
            "--digits" => options with { Featurizer = options.Featurizer with { DigitsAsZero = bool.Parse(value) } },
            "--stem" => options with { Featurizer = options.Featurizer with { StemWords = bool.Parse(value) } },
            "--folds" => options with { CrossFitFolds = int.Parse(value, CultureInfo.InvariantCulture) },
            "--char-weight" => options with { Featurizer = options.Featurizer with { CharBlockWeight = float.Parse(value, CultureInfo.InvariantCulture) } },
            _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
        };
    }

    return options;
}
