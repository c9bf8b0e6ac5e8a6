using System.Diagnostics;
using AutomationFleet.Matching.Index;
using AutomationFleet.Matching.Records;
using AutomationFleet.TestSupport;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>
/// Builds a <see cref="PersonIndex"/> of a generated register (every person once, plus a second, erroneous record for
/// a share of them, as real extracts hold), then looks up forms one at a time through <see cref="PersonIndex.Find"/>,
/// the contact-form bot's path: latency per form and whether the best candidate is the form's person. Optionally the
/// same records and forms go through the <see cref="TrigramPeer"/>.
/// </summary>
public static class PersonIndexBenchmark
{
    // A register is cleaner than a form: fields left out, but names and dates as the person gave them.
    private static readonly TypoRates RegisterRates = TypoRates.None with { MissingField = 0.10 };

    /// <summary>The register and the forms, from <see cref="PersonIndexBenchmarkSettings.Seed"/>.</summary>
    public static (SyntheticRecord[] Register, SyntheticRecord[] Forms) Generate(PersonIndexBenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var population = new SyntheticPopulation(settings.Size, settings.Seed);
        var random = new Random(settings.Seed);
        var register = new List<SyntheticRecord>(settings.Size + (int)(settings.Size * settings.DuplicateShare) + 1);
        for (var p = 0; p < settings.Size; p++)
        {
            register.Add(population.Copy(p, $"R{p}", RegisterRates, random));
        }

        var duplicates = (int)(settings.Size * settings.DuplicateShare);
        for (var d = 0; d < duplicates; d++)
        {
            register.Add(population.Copy(random.Next(settings.Size), $"D{d}", settings.Rates, random));
        }

        // A citizen's contact form does not ask for an NHS number; the rest is as typed, with the errors.
        var forms = Enumerable.Range(0, settings.Forms)
            .Select(f => population.Copy(random.Next(settings.Size), $"F{f}", settings.Rates, random))
            .Select(f => f with { Record = f.Record with { NhsNumber = "" } })
            .ToArray();
        return (register.ToArray(), forms);
    }

    /// <summary>Generates, builds, queries; then the peer when <see cref="PersonIndexBenchmarkSettings.PeerForms"/> is above 0.</summary>
    public static async Task<PersonIndexBenchmarkReport> RunAsync(PersonIndexBenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var watch = Stopwatch.StartNew();
        var (register, forms) = Generate(settings);
        var generateSeconds = watch.Elapsed.TotalSeconds;
        var person = register.ToDictionary(r => r.Record.Id, r => r.PersonKey, StringComparer.Ordinal);
        var records = register.Select(r => r.Record).ToList();
        log.WriteLine($"generated {records.Count:N0} register records and {forms.Length:N0} forms in {generateSeconds:0.0} s");
        register = [];

        // The peak is of the build with the extract's records in memory, as the worker holds them; not of generation.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        log.WriteLine($"the records take {Machine.Megabytes(heapBefore)} of heap (with the forms and the truth)");
        var resetPeak = Machine.ResetPeakWorkingSet();
        var buildLoad = Machine.LoadAverage();
        var cpu = Machine.CpuSeconds();
        watch.Restart();
        var index = PersonIndex.Build(records, new PersonIndexSource("synthetic", 0, "", TimeProvider.System.GetUtcNow()));
        var buildSeconds = watch.Elapsed.TotalSeconds;
        var buildCpuSeconds = Machine.CpuSeconds() - cpu;
        var peak = Machine.PeakWorkingSetBytes();
        var heapIndex = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        log.WriteLine($"built the index in {buildSeconds:0.0} s, {buildCpuSeconds:0.0} CPU s (load {buildLoad}), peak working set {Machine.Megabytes(peak)}; fitted by {index.FittedBy}");

        // A few forms first so JIT is not in the latencies: the bot queries a long-lived index.
        foreach (var form in forms.Take(20))
        {
            index.Find(form.Record, settings.Max);
        }

        var queryLoad = Machine.LoadAverage();
        var ours = await QueryAsync(forms, person, f => Task.FromResult<IReadOnlyList<string>>(index.Find(f, settings.Max).Select(m => m.Record.Id).ToList()));
        log.WriteLine($"queried {forms.Length:N0} forms: p50 {ours.P50Milliseconds:0.00} ms, p99 {ours.P99Milliseconds:0.00} ms, top-1 {ours.TopOneAccuracy:0.0000} (load {queryLoad})");

        PeerReport? peer = null;
        if (settings.PeerForms > 0)
        {
            peer = await RunPeerAsync(records, forms.Take(settings.PeerForms).ToArray(), person, settings.Max, log, cancellationToken);
        }

        var oursOnPeerForms = settings.PeerForms > 0 ? Summarise(ours.PerForm.Take(settings.PeerForms).ToList()) : null;
        return new PersonIndexBenchmarkReport(
            settings.Size, records.Count, forms.Length, generateSeconds, buildSeconds, buildCpuSeconds, resetPeak ? peak : null, heapIndex, buildLoad,
            index.FittedBy, ours, queryLoad, oursOnPeerForms, peer);
    }

    private static async Task<PeerReport> RunPeerAsync(
        List<PersonRecord> records, SyntheticRecord[] forms, Dictionary<string, int> person, int max, TextWriter log, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string> { ["shared_buffers"] = "256MB", ["maintenance_work_mem"] = "256MB", ["max_parallel_workers_per_gather"] = "0" };
        await using var server = await LoopbackPostgresServer.StartAsync(settings, cancellationToken);
        await using var peer = await TrigramPeer.OpenAsync(server, cancellationToken);
        var loadAverage = Machine.LoadAverage();
        var (loadSeconds, indexSeconds) = await peer.LoadAsync(records, cancellationToken);
        log.WriteLine($"peer: COPY {records.Count:N0} rows in {loadSeconds:0.0} s, indexes in {indexSeconds:0.0} s (load {loadAverage})");
        foreach (var form in forms.Take(20))
        {
            await peer.FindAsync(form.Record, max, cancellationToken);
        }

        var queryLoad = Machine.LoadAverage();
        var summary = await QueryAsync(forms, person, f => peer.FindAsync(f, max, cancellationToken));
        log.WriteLine($"peer: {forms.Length:N0} forms: p50 {summary.P50Milliseconds:0.00} ms, p99 {summary.P99Milliseconds:0.00} ms, top-1 {summary.TopOneAccuracy:0.0000} (load {queryLoad})");
        return new PeerReport(records.Count, loadSeconds, indexSeconds, loadAverage, summary, queryLoad);
    }

    // One form at a time, as the bot asks: each lookup timed on its own.
    private static async Task<QuerySummary> QueryAsync(SyntheticRecord[] forms, Dictionary<string, int> person, Func<PersonRecord, Task<IReadOnlyList<string>>> find)
    {
        var results = new List<FormResult>(forms.Length);
        foreach (var form in forms)
        {
            var watch = Stopwatch.StartNew();
            var ids = await find(form.Record);
            results.Add(Judge(form, ids, watch.Elapsed.TotalMilliseconds, person));
        }

        return Summarise(results);
    }

    private static FormResult Judge(SyntheticRecord form, IReadOnlyList<string> ids, double milliseconds, Dictionary<string, int> person) =>
        new(milliseconds, ids.Count > 0 && person[ids[0]] == form.PersonKey, ids.Any(id => person[id] == form.PersonKey), form.Corruptions);

    private static QuerySummary Summarise(List<FormResult> results)
    {
        var sorted = results.Select(r => r.Milliseconds).Order().ToList();
        return new QuerySummary(
            results.Count, Machine.Percentile(sorted, 50), Machine.Percentile(sorted, 99), sorted.Count == 0 ? double.NaN : sorted[^1],
            results.Count(r => r.TopOne) / (double)Math.Max(1, results.Count), results.Count(r => r.InTop) / (double)Math.Max(1, results.Count), results);
    }
}

/// <summary>
/// The person-index benchmark's sizes: people in the register, forms looked up, share of people with a second record,
/// seed, candidates per form (the bot's default), and how many of the forms also go to the peer (0: no peer).
/// </summary>
public sealed record PersonIndexBenchmarkSettings(int Size = 1_000_000, int Forms = 3000, double DuplicateShare = 0.02, int Seed = 42, int Max = 10, int PeerForms = 1000)
{
    /// <summary>The errors put into forms and second records.</summary>
    public TypoRates Rates { get; init; } = new();
}

/// <summary>One form: how long its lookup took, whether its person came first, whether it was among the candidates.</summary>
public sealed record FormResult(double Milliseconds, bool TopOne, bool InTop, Corruption Corruptions);

/// <summary>Latency percentiles and accuracy over a run of forms.</summary>
public sealed record QuerySummary(int Forms, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, double TopOneAccuracy, double InTopAccuracy, IReadOnlyList<FormResult> PerForm);

/// <summary>The peer's load, index build and queries.</summary>
public sealed record PeerReport(int Rows, double LoadSeconds, double IndexSeconds, string LoadAverage, QuerySummary Queries, string QueryLoadAverage);

/// <summary>Everything one person-index run measured.</summary>
public sealed record PersonIndexBenchmarkReport(
    int People, int Records, int Forms, double GenerateSeconds, double BuildSeconds, double BuildCpuSeconds, long? PeakWorkingSetBytes, long IndexHeapBytes,
    string BuildLoadAverage, string FittedBy, QuerySummary Ours, string QueryLoadAverage, QuerySummary? OursOnPeerForms, PeerReport? Peer);
