using System.Diagnostics;
using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Evaluation;

/// <summary>
/// Hyper-parameter search on validation splits only: BANKING77's training part (the scored 20% excluded) split again,
/// and CLINC150 train vs val. The scored splits are never touched here.
/// </summary>
internal static class Tuning
{
    public static void Run(string root, TextClassifierTrainingOptions baseline)
    {
        var banking = Datasets.Banking77(root).Training;
        var (bankingTrain, bankingValidation) = DataSplits.Stratified(banking, 0.2, 7);
        var clinc = PublicDatasets.LoadClinc150(Path.Combine(root, "intent", "clinc150", "data_full.json"));
        foreach (var l2 in new[] { 3e-6, 1e-5, 3e-5 })
        {
            foreach (var epochs in new[] { 10, 20 })
            {
                var softmax = baseline.Softmax with { L2 = l2, Epochs = epochs };
                var options = baseline with { Softmax = softmax };
                Console.WriteLine($"l2={l2:g} epochs={epochs} lr={softmax.LearningRate}: BANKING77 val {Accuracy(bankingTrain, bankingValidation, options)}; CLINC150 val {Accuracy(clinc["train"], clinc["val"], options)}");
            }
        }
    }

    private static string Accuracy(IReadOnlyList<LabelledText> train, IReadOnlyList<LabelledText> validation, TextClassifierTrainingOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var model = TextClassifierTrainer.Train(train, validation, options, TimeProvider.System);
        var report = ClassifierEvaluation.Evaluate(model, validation);
        return $"{report.Accuracy:0.0000} ({stopwatch.Elapsed.TotalSeconds:0.0}s)";
    }
}
