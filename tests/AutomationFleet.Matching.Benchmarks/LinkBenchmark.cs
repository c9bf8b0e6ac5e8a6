using System.Diagnostics;
using AutomationFleet.Matching.Linking;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>
/// Links two generated sets through <see cref="Linker.Link"/>, the real path (normalise, block, fit by EM, score, keep
/// pairs), and scores its pairs against the known truth. Left holds people 0..N-1, right people N/2..3N/2-1 in shuffled
/// order, each record with its own errors, so N/2 pairs are true.
/// </summary>
public static class LinkBenchmark
{
    /// <summary>Generates the sets and links them <see cref="LinkBenchmarkSettings.Runs"/> times (the first includes JIT).</summary>
    public static LinkBenchmarkReport Run(LinkBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var watch = Stopwatch.StartNew();
        var (left, right) = Generate(settings);
        var generateSeconds = watch.Elapsed.TotalSeconds;
        var person = left.Concat(right).ToDictionary(r => r.Record.Id, r => r.PersonKey, StringComparer.Ordinal);
        var leftRecords = left.Select(r => r.Record).ToList();
        var rightRecords = right.Select(r => r.Record).ToList();

        var runs = new List<LinkRun>();
        LinkResult? result = null;
        for (var run = 0; run < settings.Runs; run++)
        {
            var stages = new StageClock();
            var load = Machine.LoadAverage();
            var cpu = Machine.CpuSeconds();
            watch.Restart();
            result = Linker.Link(leftRecords, rightRecords, new LinkOptions(), stages);
            var seconds = watch.Elapsed.TotalSeconds;
            runs.Add(new LinkRun(seconds, Machine.CpuSeconds() - cpu, stages.Seconds(seconds), load));
        }

        var pairs = result!.Pairs;
        var truePairs = settings.Size / 2;
        var automatic = pairs.Where(p => p.Decision == LinkDecision.Match).ToList();
        var correctAutomatic = automatic.Count(p => person[p.LeftId] == person[p.RightId]);
        var correctFound = pairs.Count(p => person[p.LeftId] == person[p.RightId]);
        return new LinkBenchmarkReport(
            settings.Size, truePairs, generateSeconds, runs, result.ComparedPairs, automatic.Count, correctAutomatic, pairs.Count, correctFound, result.FittedBy);
    }

    /// <summary>The two sets, from <see cref="LinkBenchmarkSettings.Seed"/>.</summary>
    public static (SyntheticRecord[] Left, SyntheticRecord[] Right) Generate(LinkBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var half = settings.Size / 2;
        var population = new SyntheticPopulation(settings.Size + half, settings.Seed);
        var random = new Random(settings.Seed);
        var left = Enumerable.Range(0, settings.Size).Select(p => population.Copy(p, $"L{p}", settings.Rates, random)).ToArray();
        var keys = Enumerable.Range(half, settings.Size).ToArray();
        random.Shuffle(keys);
        var right = keys.Select((p, i) => population.Copy(p, $"R{i}", settings.Rates, random)).ToArray();
        return (left, right);
    }

    /// <summary>Times the linker's stages from its progress reports (reported on the calling thread or a scoring thread).</summary>
    private sealed class StageClock : IProgress<LinkProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly Dictionary<LinkStage, double> _startedAt = [];

        public void Report(LinkProgress value)
        {
            lock (_startedAt)
            {
                _startedAt.TryAdd(value.Stage, _watch.Elapsed.TotalSeconds);
            }
        }

        public Dictionary<LinkStage, double> Seconds(double total)
        {
            var ordered = _startedAt.OrderBy(s => s.Value).ToList();
            return ordered.Select((s, i) => (s.Key, Seconds: (i + 1 < ordered.Count ? ordered[i + 1].Value : total) - s.Value))
                .ToDictionary(s => s.Key, s => s.Seconds);
        }
    }
}

/// <summary>The link benchmark's size (records per side), seed, error rates and repetitions.</summary>
public sealed record LinkBenchmarkSettings(int Size = 5000, int Seed = 42, int Runs = 2)
{
    /// <summary>The errors put into every record of both sides.</summary>
    public TypoRates Rates { get; init; } = new();
}

/// <summary>
/// One link: its wall time, the CPU time of the process meanwhile (all cores; on a machine shared with builds the wall
/// time stretches, the CPU time much less), the time per stage, and the load average when it started.
/// </summary>
public sealed record LinkRun(double Seconds, double CpuSeconds, IReadOnlyDictionary<LinkStage, double> StageSeconds, string LoadAverage);

/// <summary>The link benchmark's timings and its pairs' precision and recall against the truth.</summary>
public sealed record LinkBenchmarkReport(
    int Size, int TruePairs, double GenerateSeconds, IReadOnlyList<LinkRun> Runs, long ComparedPairs,
    int AutomaticMatches, int CorrectAutomatic, int Found, int CorrectFound, string FittedBy)
{
    /// <summary>Share of automatic matches that are true.</summary>
    public double Precision => AutomaticMatches == 0 ? 0 : CorrectAutomatic / (double)AutomaticMatches;

    /// <summary>Share of true pairs matched automatically.</summary>
    public double Recall => CorrectAutomatic / (double)Math.Max(1, TruePairs);

    /// <summary>Share of true pairs matched or sent to review.</summary>
    public double FoundRecall => CorrectFound / (double)Math.Max(1, TruePairs);
}
