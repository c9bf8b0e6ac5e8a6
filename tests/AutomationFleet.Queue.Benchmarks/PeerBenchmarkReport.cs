using System.Globalization;

namespace AutomationFleet.Queue.Benchmarks;

/// <summary>Both systems side by side for one consumer count in one run.</summary>
public sealed record PeerComparison(int Run, int Consumers, string LoadAverage, SideResult Fleet, SideResult Hangfire)
{
    /// <summary>Fleet enqueue rate over Hangfire's.</summary>
    public double EnqueueRatio => Fleet.EnqueuePerSecond / Hangfire.EnqueuePerSecond;

    /// <summary>Fleet lease+complete rate over Hangfire's processing rate.</summary>
    public double ProcessRatio => Fleet.ProcessPerSecond / Hangfire.ProcessPerSecond;
}

/// <summary>Everything a comparison measured, with the machine's state around it.</summary>
public sealed record PeerBenchmarkReport(
    PeerBenchmarkSettings Settings,
    int Cores,
    string LoadAverageBefore,
    string LoadAverageAfter,
    IReadOnlyList<PeerComparison> Comparisons)
{
    /// <summary>The worker-process measurements (<c>--processes</c>): Consumers is the process count.</summary>
    public IReadOnlyList<PeerComparison> ProcessComparisons { get; init; } = [];

    public bool Verified => Comparisons.Concat(ProcessComparisons).All(c => c.Fleet.Verified && c.Hangfire.Verified);

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

        output.WriteLine(
            $"Queue peer benchmark, store {Settings.Store}: {Settings.Items:N0} items per side, {Cores} core(s), "
            + $"load average before {LoadAverageBefore}, after {LoadAverageAfter}");
        if (Comparisons.Count > 0)
        {
            output.WriteLine($"  fleet:    {Comparisons[0].Fleet.Store}; lease batches of {Settings.BatchSize}, audit row per transition");
            output.WriteLine($"  hangfire: {Comparisons[0].Hangfire.Store}");
        }

        output.WriteLine();
        output.WriteLine("| run | C | fleet enqueue/s | Hangfire enqueue/s | ratio | fleet lease+complete/s | Hangfire process/s | ratio | load |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var c in Comparisons)
        {
            output.WriteLine(
                $"| {c.Run} | {c.Consumers} | {Rate(c.Fleet.EnqueuePerSecond)} | {Rate(c.Hangfire.EnqueuePerSecond)} | {Ratio(c.EnqueueRatio)} "
                + $"| {Rate(c.Fleet.ProcessPerSecond)} | {Rate(c.Hangfire.ProcessPerSecond)} | {Ratio(c.ProcessRatio)} | {c.LoadAverage} |");
        }

        if (ProcessComparisons.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Worker processes (fleet: one consumer each; Hangfire: a BackgroundJobServer with one worker each):");
            output.WriteLine();
            output.WriteLine("| run | P | fleet enqueue/s | Hangfire enqueue/s | ratio | fleet lease+complete/s | Hangfire process/s | ratio | load |");
            output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var c in ProcessComparisons)
            {
                output.WriteLine(
                    $"| {c.Run} | {c.Consumers} | {Rate(c.Fleet.EnqueuePerSecond)} | {Rate(c.Hangfire.EnqueuePerSecond)} | {Ratio(c.EnqueueRatio)} "
                    + $"| {Rate(c.Fleet.ProcessPerSecond)} | {Rate(c.Hangfire.ProcessPerSecond)} | {Ratio(c.ProcessRatio)} | {c.LoadAverage} |");
            }
        }

        output.WriteLine();
        var problems = Comparisons.Concat(ProcessComparisons).SelectMany(c => c.Fleet.Problems.Concat(c.Hangfire.Problems)).ToList();
        if (problems.Count == 0)
        {
            output.WriteLine(
                "Verified: on both sides every item ran and was recorded done exactly once (fleet: counts, references and every "
                + "audit trail; Hangfire: per-job execution count, Succeeded/Failed counts, sampled state histories).");
        }
        else
        {
            foreach (var problem in problems)
            {
                output.WriteLine("PROBLEM: " + problem);
            }
        }
    }
}
