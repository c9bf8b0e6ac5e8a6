using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Worker.Cli;
using AutomationFleet.Worker.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Bots.InboundPost.Tests.Cli;

public sealed class ClassifierCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("af-post-cli-").FullName;

    [Fact]
    public async Task TrainPredictEval_SmallCsv_WritesModelAndScoresIt()
    {
        var data = Path.Combine(_directory, "train.csv");
        var lines = File.ReadAllLines(Repository.File("config", "training", "council-post.csv"));
        await File.WriteAllLinesAsync(data, lines);
        var model = Path.Combine(_directory, "m.model");

        var train = await RunAsync("classifier", "train", "--data", data, "--out", model, "--target-precision", "0.95", "--json");
        Assert.Equal(0, train.Exit);
        Assert.True(File.Exists(model));
        using (var trained = JsonDocument.Parse(train.Output))
        {
            Assert.Equal(0.95, trained.RootElement.GetProperty("targetPrecision").GetDouble());
            Assert.Equal(13, trained.RootElement.GetProperty("labels").GetArrayLength());
        }

        var inputs = Path.Combine(_directory, "in.jsonl");
        await File.WriteAllLinesAsync(inputs,
        [
            """{"id":"a","text":"There is a deep pothole in the road outside my house, please fill it"}""",
            """{"id":"b","text":"zzz"}""",
        ]);
        var predict = await RunAsync("classifier", "predict", "--model", model, "--data", inputs, "--json");
        Assert.Equal(0, predict.Exit);
        using (var predicted = JsonDocument.Parse(predict.Output))
        {
            var rows = predicted.RootElement.EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal("a", rows[0].GetProperty("id").GetString());
            Assert.Equal("highways", rows[0].GetProperty("label").GetString());
            Assert.Matches("^(auto|review)$", rows[1].GetProperty("decision").GetString());
        }

        var eval = await RunAsync("classifier", "eval", "--model", model, "--data", Repository.File("config", "training", "council-post-heldout.csv"), "--json");
        Assert.Equal(0, eval.Exit);
        using var report = JsonDocument.Parse(eval.Output);
        Assert.True(report.RootElement.GetProperty("report").GetProperty("accuracy").GetDouble() > 0.7);
        Assert.Equal(13, report.RootElement.GetProperty("report").GetProperty("categories").GetArrayLength());

        var table = await RunAsync("classifier", "eval", "--model", model, "--data", Repository.File("config", "training", "council-post-heldout.csv"));
        Assert.Contains("Per category", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_MissingModel_ExitsWithUsage()
    {
        var result = await RunAsync("classifier", "predict", "--model", Path.Combine(_directory, "none.model"), "--data", Repository.File("config", "training", "council-post-heldout.csv"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Read_TextPdfWithWords_PrintsTextAndWordConfidences()
    {
        var result = await RunAsync("read", Repository.File("samples", "letters", "blue-badge-renewal.pdf"), "--words", "--json");

        Assert.Equal(0, result.Exit);
        using var document = JsonDocument.Parse(result.Output);
        var page = document.RootElement.GetProperty("pages")[0];
        Assert.Equal("Text", page.GetProperty("source").GetString());
        Assert.Contains("Blue Badge", page.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(page.GetProperty("words").GetArrayLength() > 20);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Read_Scan_PrintsOcrText()
    {
        var result = await RunAsync("read", Repository.File("samples", "letters", "highways-pothole-scan.tif"));

        Assert.Equal(0, result.Exit);
        Assert.Contains("Ocr", result.Output, StringComparison.Ordinal);
        Assert.Contains("pothole", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TrainingDescription_DefaultOptions_SaysTenFoldsAndAveragedFoldModels()
    {
        var text = ClassifierCommand.TrainingDescription(504, ClassifierTraining.OptionsFor(0.99));

        Assert.Equal("Training on 504 examples (10-fold cross-fitting; final weights the average of the fold models)...", text);
    }

    [Fact]
    public void TrainingDescription_OtherOptions_SaysWhatTheyDo()
    {
        var fiveFolds = ClassifierTraining.OptionsFor(0.99) with { CrossFitFolds = 5 };
        var heldOut = ClassifierTraining.OptionsFor(0.99) with { CrossFitFolds = 1 };

        Assert.Equal("Training on 10 examples (5-fold cross-fitting; final weights the average of the fold models)...", ClassifierCommand.TrainingDescription(10, fiveFolds));
        Assert.Equal("Training on 10 examples (20% held out to fit calibration and thresholds)...", ClassifierCommand.TrainingDescription(10, heldOut));
    }

    [Fact]
    public void ReadOcrOptions_PageImagesConfigured_RendersNoneButKeepsOtherSettings()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ocr:PageImageMaxWidth"] = "1600", ["Ocr:MaxEngines"] = "3" })
            .Build();

        var options = ReadCommand.OcrOptionsFrom(configuration);

        Assert.Equal(0, options.PageImageMaxWidth);
        Assert.Equal(3, options.MaxEngines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FleetCli.RunAsync(args, CliConsole.ForWriters(output, error), CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
