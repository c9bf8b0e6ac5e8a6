using System.Globalization;
using System.Text;
using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Evaluation;

/// <summary>The console report of one evaluation run.</summary>
internal static class Reports
{
    public static void Print(TextClassifier model, EvaluationReport report, double trainSeconds)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"accuracy            {report.Accuracy:0.0000} (in-scope {report.InScopeCount})");
        text.AppendLine(CultureInfo.InvariantCulture, $"macro F1            {report.MacroF1:0.0000}");
        text.AppendLine(CultureInfo.InvariantCulture, $"automatic           {report.Coverage:P2} of in-scope at target {model.Thresholds.TargetPrecision:0.00}; {report.AutomaticCount} automatic, precision achieved {report.AutomaticPrecision:0.0000}");
        if (!double.IsNaN(report.OutOfScopeRecall))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"out-of-scope recall {report.OutOfScopeRecall:P2} of {report.OutOfScopeCount} sent to review");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"confidence          {(model.Correctness is null ? "top probability" : "correctness model")}");
        if (model.Embeddings is { } view)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"embedding view      {view.EmbedderName}, stacking weight {view.Weight:0.00}, novelty threshold {view.Novelty.Threshold:0.00}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"ECE                 {report.Reliability.ExpectedCalibrationError:0.0000} (temperature {model.Temperature:0.000})");
        text.AppendLine(CultureInfo.InvariantCulture, $"thresholds          global {model.Thresholds.Global:0.000}; per category {model.Thresholds.PerCategory.Count}; unreachable {model.Thresholds.PerCategory.Values.Count(v => v >= CategoryThresholds.Unreachable)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"held-out (fitting)  accuracy {model.Metadata.HeldOutAccuracy:0.0000}, coverage {model.Metadata.HeldOutCoverage:P1}, precision {model.Metadata.HeldOutPrecision:0.0000}");
        text.AppendLine(CultureInfo.InvariantCulture, $"training time       {trainSeconds:0.00} s ({model.Metadata.TrainingCount} examples, {model.Labels.Count} categories)");
        if (model.Correctness is { } correctness)
        {
            text.AppendLine("correctness weights " + string.Join(", ", correctness.FeatureNames.Select((n, j) => string.Create(CultureInfo.InvariantCulture, $"{n} {correctness.Weights[j]:0.00}"))));
        }

        Console.Write(text.ToString());
        Console.WriteLine();
    }
}
