using System.Diagnostics;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Text;

namespace AutomationFleet.Evaluation;

/// <summary>
/// Classification speed on texts the embedder has never seen (nothing cached): short queries (BANKING77's scored
/// split) and full OCR'd pages (the ground-truth text of the shared OCR pages, each copy made unique), in a batch
/// (<see cref="TextClassifier.ClassifyMany"/>) and one at a time as the bot classifies. The model is the council
/// starter model; with <c>--no-embeddings</c> the n-gram view alone.
/// </summary>
internal static class Speed
{
    public static void Run(string root, TextClassifierTrainingOptions options, ITextEmbedder? embedder)
    {
        var starter = LabelledTextLoader.Load(Path.Combine(Repository.Root(), "config", "training", "council-post.csv"));
        var trained = TextClassifierTrainer.Train(starter, options, TimeProvider.System, embedder);

        // Timed with a fresh encoder that caches nothing on disk, loaded before the clock starts.
        var path = Path.Combine(Path.GetTempPath(), $"speed-{Environment.ProcessId}.model");
        trained.Save(path);
        var model = embedder?.ModelName == SentenceTransformerEmbedder.ModelNameOf(TextEmbeddingModel.ArcticXs) ? TextEmbeddingModel.ArcticXs : TextEmbeddingModel.MiniLM;
        using var fresh = embedder is null ? null : new SentenceTransformerEmbedder(new TextEmbeddingOptions { Model = model, CacheDirectory = null });
        fresh?.Embed("warm up");
        var classifier = TextClassifier.Load(path, fresh);
        File.Delete(path);
        var queries = Datasets.Banking77(root).Scored.Select(e => e.Text).ToList();
        var pageTexts = Directory.GetFiles(Path.Combine(root, "ocr"), "*.txt").Select(File.ReadAllText).ToList();
        // The copy number goes first: the embedder keeps only a text's first MaxWords words, so a number at the end
        // left 3 distinct texts in 60 and the pages one at a time were cache hits.
        var pages = Enumerable.Range(0, 60).Select(i => $"Copy {i}: {pageTexts[i % pageTexts.Count]}").ToList();

        Time("short queries, batch", queries.Take(1000).ToList(), t => classifier.ClassifyMany(t));
        Time("short queries, one at a time", queries.Skip(1000).Take(500).ToList(), t => { foreach (var q in t) { classifier.Classify(q); } });
        Time("full pages, batch", pages.Take(30).ToList(), t => classifier.ClassifyMany(t));
        Time("full pages, one at a time", pages.Skip(30).ToList(), t => { foreach (var p in t) { classifier.Classify(p); } });
    }

    // Process CPU time beside wall time: on a shared host the wall figure mostly tells how busy the others were, the CPU
    // milliseconds a text what the classifier costs.
    private static void Time(string what, List<string> texts, Action<List<string>> classify)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        classify(texts);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / texts.Count;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        Console.WriteLine(FormattableString.Invariant($"{what,-32} {texts.Count,5} texts {seconds,7:0.00} s {texts.Count / seconds,9:N0} texts/s {cpuMs,7:0.00} CPU ms a text (load {load})"));
    }
}

/// <summary>Finds the repository root (the folder with AutomationFleet.sln).</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutomationFleet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (AutomationFleet.sln) was not found.");
    }
}
