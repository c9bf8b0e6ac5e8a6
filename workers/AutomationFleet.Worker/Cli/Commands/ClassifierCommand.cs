using System.CommandLine;
using System.Globalization;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Core.Files;
using AutomationFleet.Text;
using Spectre.Console;

namespace AutomationFleet.Worker.Cli.Commands;

/// <summary><c>fleet classifier train | predict | eval</c>: the inbound-post text classifier, offline.</summary>
public static class ClassifierCommand
{
    public static Command Create(CliCommand cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        return new Command("classifier", "Train, run and evaluate the inbound-post text classifier (CSV text,label[,id] or JSONL).")
        {
            Train(cli), Predict(cli), Eval(cli),
        };
    }

    private static Option<string> DataOption(string description) =>
        new("--data") { Description = description, HelpName = "FILE", Required = true };

    private static Option<string> ModelOption(string name, string description) =>
        new(name) { Description = description, HelpName = "MODEL", Required = true };

    private static Command Train(CliCommand cli)
    {
        var data = DataOption("Labelled examples: CSV with columns text,label (optional id) or JSONL with the same fields.");
        var output = ModelOption("--out", "Where to write the model file.");
        var target = new Option<double>("--target-precision")
        {
            Description = "Precision the per-category thresholds are fitted to meet.",
            DefaultValueFactory = _ => 0.99,
        };
        var command = new Command("train", "Train a classifier and fit its per-category thresholds on held-out predictions.") { data, output, target };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var precision = parse.GetValue(target);
            if (double.IsNaN(precision) || precision is < 0.5 or > 1)
            {
                throw new CliException($"--target-precision is {precision}; it must be between 0.5 and 1.");
            }

            var examples = Load(parse.GetValue(data)!, requireLabels: true);
            var path = parse.GetValue(output)!;
            var embedder = cli.TextEmbedder(parse);
            TextClassifier classifier;
            if (cli.IsJson(parse))
            {
                classifier = await Task.Run(() => TrainAndSave(examples, path, precision, embedder), cancellationToken);
            }
            else
            {
                classifier = await cli.Console.Ansi.Status().StartAsync(
                    Markup.Escape(TrainingDescription(examples.Count, ClassifierTraining.OptionsFor(precision))),
                    _ => Task.Run(() => TrainAndSave(examples, path, precision, embedder), cancellationToken));
            }

            var m = classifier.Metadata;
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(new
                {
                    model = Path.GetFullPath(path),
                    labels = classifier.Labels,
                    targetPrecision = precision,
                    thresholds = classifier.Labels.ToDictionary(l => l, l => Num(classifier.Thresholds.For(l))),
                    metadata = m,
                });
                return ExitCodes.Success;
            }

            var table = Render.Table($"Model {Path.GetFullPath(path)}", "Measure", "Value");
            table.AddRow(Render.Cell("examples"), Render.Cell(m.TrainingCount));
            table.AddRow(Render.Cell("categories"), Render.Cell(classifier.Labels.Count));
            table.AddRow(Render.Cell("held-out (cross-fitted) accuracy"), Render.Cell(F(m.HeldOutAccuracy)));
            table.AddRow(Render.Cell($"automatic share at precision {F(precision)}"), Render.Cell(F(m.HeldOutCoverage)));
            table.AddRow(Render.Cell("precision of automatic"), Render.Cell(F(m.HeldOutPrecision)));
            table.AddRow(Render.Cell("expected calibration error"), Render.Cell(F(m.HeldOutEce)));
            table.AddRow(Render.Cell("training time"), Render.Cell(m.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"));
            cli.Console.Ansi.Write(table);
            var thresholds = Render.Table("Fitted thresholds", "Category", "Threshold");
            foreach (var label in classifier.Labels)
            {
                thresholds.AddRow(Render.Cell(label), Render.Cell(Threshold(classifier.Thresholds.For(label))));
            }

            cli.Console.Ansi.Write(thresholds);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Predict(CliCommand cli)
    {
        var model = ModelOption("--model", "A model file written by 'fleet classifier train'.");
        var data = DataOption("Texts to classify: CSV with a text column (optional id, label) or JSONL.");
        var command = new Command("predict", "Classify each input: id, predicted label, probability, auto or review.") { model, data };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var classifier = LoadModel(parse.GetValue(model)!, cli.TextEmbedder(parse));
            var inputs = Load(parse.GetValue(data)!, requireLabels: false);
            var results = classifier.ClassifyMany(inputs.Select(i => i.Text).ToList());
            var rows = inputs.Select((input, i) => new
            {
                id = input.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture),
                label = results[i].Label,
                probability = Math.Round(results[i].Probability, 4),
                threshold = Math.Round(results[i].Threshold, 4),
                decision = results[i].Automatic ? "auto" : "review",
            }).ToList();
            if (cli.IsJson(parse))
            {
                await cli.Console.WriteJsonAsync(rows);
                return ExitCodes.Success;
            }

            var table = Render.Table($"{rows.Count} prediction(s)", "Id", "Label", "Probability", "Threshold", "Decision");
            foreach (var row in rows)
            {
                table.AddRow(Render.Cell(row.id), Render.Cell(row.label), Render.Cell(F(row.probability)), Render.Cell(Threshold(row.threshold)), Render.Cell(row.decision));
            }

            cli.Console.Ansi.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Eval(CliCommand cli)
    {
        var model = ModelOption("--model", "A model file written by 'fleet classifier train'.");
        var data = DataOption("Labelled examples the model never saw (label 'oos' marks out-of-scope inputs).");
        var command = new Command("eval", "Accuracy, per-category precision/recall, coverage at the fitted thresholds, reliability (ECE).") { model, data };
        cli.SetAction(command, async (parse, cancellationToken) =>
        {
            var classifier = LoadModel(parse.GetValue(model)!, cli.TextEmbedder(parse));
            var examples = Load(parse.GetValue(data)!, requireLabels: true);
            var report = ClassifierEvaluation.Evaluate(classifier, examples);
            if (cli.IsJson(parse))
            {
                // Undefined measures (no out-of-scope examples, an empty bin) are NaN in the report and null in JSON.
                await cli.Console.WriteJsonAsync(new
                {
                    targetPrecision = classifier.Thresholds.TargetPrecision,
                    report = new
                    {
                        report.Count, report.InScopeCount, report.OutOfScopeCount,
                        accuracy = Num(report.Accuracy), macroF1 = Num(report.MacroF1), coverage = Num(report.Coverage),
                        automaticPrecision = Num(report.AutomaticPrecision), report.AutomaticCount,
                        outOfScopeRecall = Num(report.OutOfScopeRecall),
                        categories = report.Categories.Select(c => new
                        {
                            c.Label, precision = Num(c.Precision), recall = Num(c.Recall), f1 = Num(c.F1), c.Support,
                        }),
                        reliability = new
                        {
                            expectedCalibrationError = Num(report.Reliability.ExpectedCalibrationError),
                            bins = report.Reliability.Bins.Select(b => new
                            {
                                b.Lower, b.Upper, b.Count, meanConfidence = Num(b.MeanConfidence), accuracy = Num(b.Accuracy),
                            }),
                        },
                    },
                });
                return ExitCodes.Success;
            }

            var summary = Render.Table($"Evaluation on {report.Count} examples", "Measure", "Value");
            summary.AddRow(Render.Cell("accuracy (in scope)"), Render.Cell(F(report.Accuracy)));
            summary.AddRow(Render.Cell("macro F1"), Render.Cell(F(report.MacroF1)));
            summary.AddRow(Render.Cell($"automatic share (target precision {F(classifier.Thresholds.TargetPrecision)})"), Render.Cell(F(report.Coverage)));
            summary.AddRow(Render.Cell("precision of automatic"), Render.Cell($"{F(report.AutomaticPrecision)} ({report.AutomaticCount})"));
            if (report.OutOfScopeCount > 0)
            {
                summary.AddRow(Render.Cell("out-of-scope sent to review"), Render.Cell($"{F(report.OutOfScopeRecall)} of {report.OutOfScopeCount}"));
            }

            summary.AddRow(Render.Cell("expected calibration error"), Render.Cell(F(report.Reliability.ExpectedCalibrationError)));
            cli.Console.Ansi.Write(summary);

            var categories = Render.Table("Per category", "Category", "Precision", "Recall", "F1", "Support");
            foreach (var c in report.Categories)
            {
                categories.AddRow(Render.Cell(c.Label), Render.Cell(F(c.Precision)), Render.Cell(F(c.Recall)), Render.Cell(F(c.F1)), Render.Cell(c.Support));
            }

            cli.Console.Ansi.Write(categories);
            var reliability = Render.Table("Reliability", "Confidence bin", "Count", "Mean confidence", "Accuracy");
            foreach (var bin in report.Reliability.Bins.Where(b => b.Count > 0))
            {
                reliability.AddRow(Render.Cell($"{F(bin.Lower)}-{F(bin.Upper)}"), Render.Cell(bin.Count), Render.Cell(F(bin.MeanConfidence)), Render.Cell(F(bin.Accuracy)));
            }

            cli.Console.Ansi.Write(reliability);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What training with <paramref name="options"/> does, as the status line while it runs.</summary>
    public static string TrainingDescription(int examples, TextClassifierTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var how = options.CrossFitFolds >= 2
            ? $"{options.CrossFitFolds}-fold cross-fitting; final weights the average of the fold models"
            : string.Create(CultureInfo.InvariantCulture, $"{options.HeldOutFraction:0%} held out to fit calibration and thresholds");
        return $"Training on {examples} examples ({how})...";
    }

    private static TextClassifier TrainAndSave(IReadOnlyList<LabelledText> examples, string path, double precision, ITextEmbedder? embedder)
    {
        // The same options the status line describes.
        var classifier = TextClassifierTrainer.Train(examples, ClassifierTraining.OptionsFor(precision), TimeProvider.System, embedder);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            OwnerOnly.CreateFolder(directory);
        }

        classifier.Save(path);
        return classifier;
    }

    private static IReadOnlyList<LabelledText> Load(string path, bool requireLabels)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The data file '{path}' does not exist.");
        }

        try
        {
            if (requireLabels)
            {
                return LabelledTextLoader.Load(path);
            }

            using var reader = File.OpenText(path);
            return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? LabelledTextLoader.ReadJsonl(reader, requireLabel: false)
                : LabelledTextLoader.ReadCsv(reader, requireLabel: false);
        }
        catch (Exception exception) when (exception is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new CliException($"The data file '{path}' cannot be read: {exception.Message}");
        }
    }

    private static TextClassifier LoadModel(string path, ITextEmbedder? embedder)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The model file '{path}' does not exist; train one with 'fleet classifier train'.");
        }

        try
        {
            return TextClassifier.Load(path, embedder);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            throw new CliException($"The model file '{path}' cannot be read: {exception.Message}");
        }
    }

    private static double? Num(double value) => double.IsFinite(value) ? Math.Round(value, 4) : null;

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Threshold(double value) => value > 1 ? "never" : F(value);
}
