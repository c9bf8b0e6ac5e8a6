using AutomationFleet.Matching.Linking;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>Prints the reports as Markdown tables, ready for the README's Measured section.</summary>
public static class BenchmarkReport
{
    /// <summary>The link benchmark: one row per run, then quality.</summary>
    public static void Print(LinkBenchmarkReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"link {report.Size:N0} x {report.Size:N0} ({report.TruePairs:N0} true pairs), {Environment.ProcessorCount} cores, .NET {Environment.Version}; generated in {report.GenerateSeconds:0.00} s");
        output.WriteLine();
        output.WriteLine("| run | seconds (normalise → pairs) | CPU seconds | normalise | block | fit | score | load average |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        for (var i = 0; i < report.Runs.Count; i++)
        {
            var r = report.Runs[i];
            output.WriteLine($"| {(i == 0 ? "1 (cold: JIT)" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))} | {r.Seconds:0.00} | {r.CpuSeconds:0.00} | {Stage(r, LinkStage.Normalising)} | {Stage(r, LinkStage.Blocking)} | {Stage(r, LinkStage.Fitting)} | {Stage(r, LinkStage.Scoring)} | {r.LoadAverage} |");
        }

        output.WriteLine();
        output.WriteLine($"compared pairs {report.ComparedPairs:N0}; m fitted by {report.FittedBy}");
        output.WriteLine($"automatic (p >= 0.999): {report.AutomaticMatches:N0} pairs, precision {report.Precision:0.0000}, recall {report.Recall:0.0000}");
        output.WriteLine($"match or review (p >= 0.05): {report.Found:N0} pairs, recall {report.FoundRecall:0.0000}");
    }

    /// <summary>The person-index benchmark: build, then ours and the peer side by side.</summary>
    public static void Print(PersonIndexBenchmarkReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine($"person index: {report.People:N0} people, {report.Records:N0} records, {report.Forms:N0} forms, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        output.WriteLine($"build {report.BuildSeconds:0.0} s ({report.BuildCpuSeconds:0.0} CPU s), peak working set {(report.PeakWorkingSetBytes is { } p ? Machine.Megabytes(p) : "n/a")}, index heap {Machine.Megabytes(report.IndexHeapBytes)}, m fitted by {report.FittedBy} (load {report.BuildLoadAverage})");
        output.WriteLine();
        output.WriteLine("| engine | forms | p50 ms | p99 ms | max ms | top-1 correct | in top 10 | build / load | load average |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        Row(output, "PersonIndex (all forms)", report.Ours, $"{report.BuildSeconds:0.0} s build", report.QueryLoadAverage);
        if (report.OursOnPeerForms is { } same && report.Peer is { } peer)
        {
            Row(output, "PersonIndex (the peer's forms)", same, $"{report.BuildSeconds:0.0} s build", report.QueryLoadAverage);
            Row(output, "PostgreSQL pg_trgm + fuzzystrmatch", peer.Queries, $"{peer.LoadSeconds:0.0} s COPY + {peer.IndexSeconds:0.0} s GIN/b-tree", peer.QueryLoadAverage);
        }

        output.WriteLine();
        output.WriteLine("top-1 correct by the form's errors (PersonIndex, all forms):");
        foreach (var kind in Enum.GetValues<Corruption>().Where(c => c != Corruption.None))
        {
            var with = report.Ours.PerForm.Where(f => f.Corruptions.HasFlag(kind)).ToList();
            output.WriteLine($"  {kind}: {with.Count:N0} forms, top-1 {with.Count(f => f.TopOne) / (double)Math.Max(1, with.Count):0.0000}"
                + (report.Peer is { } pr ? $"; peer {Share(pr.Queries.PerForm.Where(f => f.Corruptions.HasFlag(kind)).ToList())}" : ""));
        }
    }

    private static string Share(List<FormResult> forms) => forms.Count == 0 ? "n/a" : $"{forms.Count(f => f.TopOne) / (double)forms.Count:0.0000} of {forms.Count:N0}";

    private static void Row(TextWriter output, string engine, QuerySummary s, string build, string load) =>
        output.WriteLine($"| {engine} | {s.Forms:N0} | {s.P50Milliseconds:0.00} | {s.P99Milliseconds:0.00} | {s.MaxMilliseconds:0.00} | {s.TopOneAccuracy:0.0000} | {s.InTopAccuracy:0.0000} | {build} | {load} |");

    private static string Stage(LinkRun run, LinkStage stage) => run.StageSeconds.TryGetValue(stage, out var s) ? $"{s:0.00}" : "-";
}
