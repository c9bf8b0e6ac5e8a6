using System.Globalization;
using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Allocation;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Bots.IncidentReports.Delivery;
using AutomationFleet.Bots.IncidentReports.Incidents;
using AutomationFleet.Bots.IncidentReports.Places;
using AutomationFleet.Bots.IncidentReports.Reports;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Text;

namespace AutomationFleet.Bots.IncidentReports.Cli;

/// <summary>
/// <c>fleet incidents bench</c>: seeds a fresh store with open incidents spread over a county (the shipped kinds, the
/// gazetteer's streets jittered by up to a few hundred metres, the last 90 days, allocated as the allocator would), then
/// puts generated reports (mostly new, some repeats of a seeded incident: a few metres away, inside its window, in
/// other words) one after the other through the bot's real path: <see cref="IncidentTriage"/> with the sentence encoder,
/// then <see cref="RecordIncidentStep"/>. Times the decision alone and decision plus record, per report.
/// </summary>
internal sealed class IncidentBenchmark(
    IncidentReferenceData data,
    TimingIncidentStore store,
    IncidentTriage triage,
    DuplicateFinder duplicates,
    CountingEmbedder embedder,
    DuplicateFinder recordVectors,
    CountingEmbedder recordEmbedder,
    Func<int> cachedVectors,
    TimeProvider timeProvider,
    TextWriter progress)
{
    /// <summary>The kinds a member of the public reports at a place, with how often (care kinds need a person).</summary>
    private static readonly (string Kind, int Weight)[] KindMix =
        [("pothole", 30), ("road-surface", 8), ("street-light", 20), ("fly-tipping", 25), ("flooding", 9), ("fallen-tree", 8)];

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["pothole"] =
        [
            "There is a {size} pothole in the road outside number {n} {street}, cars are swerving round it",
            "Deep pot hole on {street} near the {landmark}, about {depth} cm deep and filling with water",
            "Pothole on {street} by the {landmark} has got much bigger this week, a cyclist nearly came off",
            "Please fill the pothole at the junction of {street}, it is {size} and dangerous at night",
        ],
        ["road-surface"] =
        [
            "The road surface on {street} is breaking up outside number {n}, loose stones everywhere",
            "Sunken road by the {landmark} on {street}, the tarmac has dropped about {depth} cm",
            "Cracked road along {street}, the surface is crumbling near the {landmark}",
        ],
        ["street-light"] =
        [
            "Street light outside number {n} {street} has been out for {days} days, very dark",
            "The streetlight by the {landmark} on {street} is flickering on and off all night",
            "Lamp post near {n} {street} not working, the pavement is pitch black",
            "Street light on {street} stays on all day and is off at night, near the {landmark}",
        ],
        ["fly-tipping"] =
        [
            "Fly tipping on {street} by the {landmark}: {rubbish} dumped on the verge",
            "Someone has dumped rubbish outside number {n} {street}, {rubbish} blocking the path",
            "Fly-tipping again at the {landmark} on {street}, a pile of {rubbish}",
            "Dumped rubbish on {street}, {rubbish} left next to the {landmark} overnight",
        ],
        ["flooding"] =
        [
            "Flooding on {street} near the {landmark}, the road is under water",
            "Blocked drain outside number {n} {street}, standing water right across the road",
            "{street} flooded by the {landmark} after the rain, cars driving through deep water",
        ],
        ["fallen-tree"] =
        [
            "Fallen tree blocking {street} near the {landmark}, cars cannot get past",
            "A tree down across the pavement outside number {n} {street} after the wind",
            "Large fallen branch on {street} by the {landmark}, half the road is blocked",
        ],
    };

    private static readonly string[] Landmarks = ["school", "bus stop", "post box", "church", "pub", "shop", "park gate", "bridge", "roundabout", "surgery"];

    private static readonly string[] Rubbish = ["a mattress and bin bags", "builders' rubble", "an old fridge", "garden waste", "tyres", "a sofa", "carpet offcuts"];

    private static readonly string[] Sizes = ["large", "huge", "deep", "wide", "nasty"];

    private const double MetresPerDegree = 111_320;

    public async Task<IncidentBenchmarkReport> RunAsync(int openCount, int reportCount, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var now = timeProvider.GetUtcNow();
        var entries = data.Gazetteer.Entries;
        var kinds = KindMix.Select(k => (Kind: data.Allocation.FindKind(k.Kind) ?? throw new InvalidOperationException($"The allocation config has no kind '{k.Kind}'."), k.Weight)).ToArray();

        var load = LoadAverage();
        var started = timeProvider.GetTimestamp();
        var seeded = await SeedAsync(openCount, kinds, entries, random, now, cancellationToken);
        var seedSeconds = timeProvider.GetElapsedTime(started).TotalSeconds;

        var warmUp = Math.Clamp(reportCount / 10, 20, 200);
        var reports = Enumerable.Range(0, warmUp + reportCount)
            .Select(i => Generate(i < warmUp ? $"bench-warmup-{i}" : $"bench-report-{i - warmUp}", kinds, entries, seeded, random, now))
            .ToArray();
        var step = new RecordIncidentStep(store, IncidentReportBot.BotName, timeProvider, recordVectors);

        // Not timed: the ONNX model's load, the first queries and the JIT.
        await progress.WriteLineAsync($"incidents bench: warming up with {warmUp} reports (model load, first queries)");
        embedder.Inner.Embed("warming up the sentence encoder");
        foreach (var report in reports.Take(warmUp))
        {
            await ProcessAsync(report, step, now, cancellationToken);
        }

        var openAtStart = (await store.ListOpenAsync(null, null, int.MaxValue, cancellationToken)).Count;
        embedder.Reset();
        recordEmbedder.Reset();
        var cachedBefore = cachedVectors();
        store.Reset();
        var (comparedBefore, byOverlapBefore, byEncoderBefore) = (duplicates.ReportsCompared, duplicates.PairsDecidedByOverlap, duplicates.PairsSentToEncoder);
        var (fromStoreBefore, candidatesEncodedBefore) = (duplicates.CandidateVectorsFromStore, duplicates.CandidateTextsEncoded);
        var loadBefore = LoadAverage();
        await progress.WriteLineAsync($"incidents bench: {openAtStart:N0} open incidents; timing {reportCount:N0} reports");
        var decide = new double[reportCount];
        var decideWithoutEncoder = new double[reportCount];
        var total = new double[reportCount];
        var verdicts = new Dictionary<TriageVerdict, int>();
        int repeats = 0, repeatsLinkedToTheirIncident = 0, newLinked = 0, opened = 0;
        started = timeProvider.GetTimestamp();
        for (var i = 0; i < reportCount; i++)
        {
            var report = reports[warmUp + i];
            var encoderBefore = embedder.Elapsed;
            var (result, decideMs, totalMs, didOpen) = await ProcessAsync(report, step, now, cancellationToken);
            decide[i] = decideMs;
            decideWithoutEncoder[i] = decideMs - (embedder.Elapsed - encoderBefore).TotalMilliseconds;
            total[i] = totalMs;
            verdicts[result.Verdict] = verdicts.GetValueOrDefault(result.Verdict) + 1;
            opened += didOpen ? 1 : 0;
            if (report.Repeats is not null)
            {
                repeats++;
                repeatsLinkedToTheirIncident += result.Verdict == TriageVerdict.Linked && result.Outcome!.IncidentReference == report.Repeats ? 1 : 0;
            }
            else if (result.Verdict == TriageVerdict.Linked)
            {
                newLinked++;
            }
        }

        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        var (nearby, counts, writes, nearbyQueries, nearbyRows) = (store.NearbyElapsed, store.CountsElapsed, store.WriteElapsed, store.NearbyCalls, store.NearbyRows);
        double PerReport(TimeSpan time) => Math.Round(time.TotalMilliseconds / reportCount, 3);
        var decideSum = TimeSpan.FromMilliseconds(decide.Sum());
        var openAtEnd = (await store.ListOpenAsync(null, null, int.MaxValue, cancellationToken)).Count;
        Array.Sort(decide);
        Array.Sort(total);
        Array.Sort(decideWithoutEncoder);
        var linked = verdicts.GetValueOrDefault(TriageVerdict.Linked);
        return new IncidentBenchmarkReport(
            Environment.ProcessorCount,
            seeded.Count,
            Math.Round(seedSeconds, 1),
            openAtStart,
            openAtEnd,
            reportCount,
            repeats,
            warmUp,
            verdicts.GetValueOrDefault(TriageVerdict.Allocated),
            linked,
            verdicts.GetValueOrDefault(TriageVerdict.Review),
            verdicts.GetValueOrDefault(TriageVerdict.Refused),
            opened,
            Math.Round((double)linked / reportCount, 4),
            repeatsLinkedToTheirIncident,
            newLinked,
            (int)(duplicates.ReportsCompared - comparedBefore),
            duplicates.PairsDecidedByOverlap - byOverlapBefore,
            duplicates.PairsSentToEncoder - byEncoderBefore,
            duplicates.CandidateVectorsFromStore - fromStoreBefore,
            duplicates.CandidateTextsEncoded - candidatesEncodedBefore,
            embedder.Calls,
            embedder.Texts,
            cachedVectors() - cachedBefore,
            Percentile(decide, 0.50),
            Percentile(decide, 0.95),
            Percentile(decide, 0.99),
            Math.Round(decide[^1], 3),
            Percentile(decideWithoutEncoder, 0.50),
            Percentile(decideWithoutEncoder, 0.99),
            Math.Round(embedder.Elapsed.TotalSeconds, 2),
            PerReport(decideSum),
            PerReport(nearby),
            nearbyQueries == 0 ? 0 : Math.Round((double)nearbyRows / nearbyQueries, 1),
            PerReport(counts),
            PerReport(embedder.Elapsed),
            PerReport(decideSum - nearby - counts - embedder.Elapsed),
            PerReport(writes),
            recordEmbedder.Hits,
            PerReport(recordEmbedder.Elapsed),
            Percentile(total, 0.50),
            Percentile(total, 0.99),
            Math.Round(total[^1], 3),
            Math.Round(reportCount / seconds, 1),
            Math.Round(seconds, 2),
            loadBefore,
            LoadAverage(),
            load);
    }

    private async Task<(TriageResult Result, double DecideMs, double TotalMs, bool Opened)> ProcessAsync(
        BenchReport report, RecordIncidentStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var parsed = IncidentReportReader.Parse(report.Json, ReportChannels.Web);
        var result = await triage.TriageAsync(parsed, report.Reference, now, now, cancellationToken);
        var decideMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var opened = false;

        // As the runner does: a certain decision is delivered; a review or a refusal waits for a person, unrecorded.
        if (result.Verdict is TriageVerdict.Allocated or TriageVerdict.Linked)
        {
            var outcome = new ItemOutcome(JsonSerializer.Serialize(result.Outcome, IncidentReportBot.JsonOptions), 1.0, IncidentReportBot.BotName);
            await step.DeliverAsync(new DeliveryContext(Item(report, now), outcome, report.Reference), cancellationToken);
            opened = result.Verdict == TriageVerdict.Allocated;
        }

        return (result, decideMs, timeProvider.GetElapsedTime(started).TotalMilliseconds, opened);
    }

    private async Task<List<SeededIncident>> SeedAsync(
        int count, (IncidentKind Kind, int Weight)[] kinds, IReadOnlyList<GazetteerEntry> entries, Random random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int Batch = 2_000;
        var seeded = new List<SeededIncident>(count);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var emptyCounts = new Dictionary<string, int>();
        var seededAt = now.AddMinutes(-1);
        var pending = new List<(SeededIncident Seed, NewIncident Incident, string Detail)>(Batch);
        for (var i = 0; i < count; i++)
        {
            var kind = Pick(kinds, random);
            var entry = entries[random.Next(entries.Count)];
            var (latitude, longitude) = Jitter(entry.Latitude, entry.Longitude, 300, random);
            var occurredAt = now - TimeSpan.FromMinutes(random.NextDouble() * 90 * 24 * 60);
            var reportedAt = occurredAt + TimeSpan.FromMinutes(random.Next(5, 600));
            reportedAt = reportedAt > now ? now : reportedAt;
            var request = new AllocationRequest(kind.Id, kind.DefaultSeverity, entry.Area, null, reportedAt);
            var team = data.Allocator.Allocate(request, emptyCounts).Team!;
            if (!counts.TryGetValue(team, out var teamCounts))
            {
                counts[team] = teamCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            var decision = data.Allocator.Allocate(request, teamCounts);
            if (decision.Assignee is { } assignee)
            {
                teamCounts[assignee] = teamCounts.GetValueOrDefault(assignee) + 1;
            }

            var firstReport = $"bench-seed-{i}";
            var text = Describe(kind, entry, random);
            var seed = new SeededIncident(IncidentReferences.For(firstReport), kind, entry, latitude, longitude, occurredAt, text);
            pending.Add((seed, new NewIncident(
                seed.Reference, firstReport, kind.Id, kind.Group, kind.DefaultSeverity, team, decision.Assignee, entry.Area, entry.PlaceId,
                latitude, longitude, null, occurredAt, decision.Deadline, $"{kind.Name}, {entry.Street}, {entry.Town} ({entry.Area})", text),
                $"rule '{decision.Rule}'; benchmark seed"));

            // Each keeps its text's vector, encoded here a batch at a time (untimed), so old and new builds meet the same
            // store. The record step keeps one only when the decision encoded the report, so a store it filled has fewer:
            // a report compared with such an incident encodes its text too, in its own call (then cached in the process).
            // The store commits concurrent writes together, so a batch in flight is a few transactions.
            if (pending.Count == Batch || i == count - 1)
            {
                var vectors = embedder.Inner.EmbedMany(pending.Select(p => p.Seed.Text).ToList(), cancellationToken);
                var opened = pending.Select((p, j) => store.OpenAsync(
                    p.Incident with { TextVector = new IncidentTextVector(embedder.ModelName, vectors[j]) },
                    IncidentReportBot.BotName,
                    p.Detail,
                    seededAt,
                    cancellationToken)).ToArray();
                await Task.WhenAll(opened);
                seeded.AddRange(pending.Where((_, j) => opened[j].Result).Select(p => p.Seed));
                pending.Clear();
                if ((i + 1) % 10_000 == 0 || i == count - 1)
                {
                    await progress.WriteLineAsync($"incidents bench: seeded {i + 1:N0} of {count:N0} open incidents");
                }
            }
        }

        return seeded;
    }

    private static BenchReport Generate(
        string reference, (IncidentKind Kind, int Weight)[] kinds, IReadOnlyList<GazetteerEntry> entries, List<SeededIncident> seeded, Random random, DateTimeOffset now)
    {
        var reportedAt = now - TimeSpan.FromMinutes(random.Next(1, 120));

        // About 15 % repeat a seeded incident still inside its window: a few metres away, later, in other words.
        if (seeded.Count > 0 && random.NextDouble() < 0.15)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var incident = seeded[random.Next(seeded.Count)];
                var latest = incident.OccurredAt + (incident.Kind.Window * 0.9);
                if (latest <= reportedAt)
                {
                    continue;
                }

                var occurredAt = incident.OccurredAt + ((reportedAt - incident.OccurredAt) * random.NextDouble());
                var (latitude, longitude) = Jitter(incident.Latitude, incident.Longitude, 20, random);
                var text = Describe(incident.Kind, incident.Entry, random);
                return new BenchReport(reference, Json(incident.Kind, incident.Entry, latitude, longitude, occurredAt, reportedAt, text, random, pin: true), incident.Reference);
            }
        }

        var kind = Pick(kinds, random);
        var entry = entries[random.Next(entries.Count)];
        var (lat, lon) = Jitter(entry.Latitude, entry.Longitude, 300, random);
        var occurred = reportedAt - TimeSpan.FromMinutes(random.Next(0, 48 * 60));
        return new BenchReport(reference, Json(kind, entry, lat, lon, occurred, reportedAt, Describe(kind, entry, random), random, pin: random.NextDouble() < 0.7), null);
    }

    /// <summary>A web form's report: most with a map pin, the rest with an address; most name their kind, some leave it to the words.</summary>
    private static string Json(
        IncidentKind kind, GazetteerEntry entry, double latitude, double longitude, DateTimeOffset occurredAt, DateTimeOffset reportedAt, string text, Random random, bool pin)
    {
        var place = pin
            ? new Dictionary<string, object?> { ["latitude"] = Math.Round(latitude, 6), ["longitude"] = Math.Round(longitude, 6) }
            : new Dictionary<string, object?> { ["postcode"] = entry.Postcode, ["address"] = $"{random.Next(1, 120)} {entry.Street}, {entry.Town}" };
        var report = new Dictionary<string, object?>
        {
            ["kind"] = random.NextDouble() < 0.75 ? kind.Id : null,
            ["occurredAt"] = occurredAt,
            ["reportedAt"] = reportedAt,
            ["place"] = place,
            ["reporter"] = new Dictionary<string, object?> { ["name"] = "Bench Reporter", ["email"] = "reporter@example.invalid" },
            ["description"] = text,
        };
        return JsonSerializer.Serialize(report, IncidentReportBot.JsonOptions);
    }

    private static string Describe(IncidentKind kind, GazetteerEntry entry, Random random)
    {
        var templates = Templates[kind.Id];
        return templates[random.Next(templates.Length)]
            .Replace("{street}", entry.Street, StringComparison.Ordinal)
            .Replace("{n}", random.Next(1, 120).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{landmark}", Landmarks[random.Next(Landmarks.Length)], StringComparison.Ordinal)
            .Replace("{rubbish}", Rubbish[random.Next(Rubbish.Length)], StringComparison.Ordinal)
            .Replace("{size}", Sizes[random.Next(Sizes.Length)], StringComparison.Ordinal)
            .Replace("{depth}", random.Next(5, 30).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{days}", random.Next(2, 20).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static IncidentKind Pick((IncidentKind Kind, int Weight)[] kinds, Random random)
    {
        var roll = random.Next(kinds.Sum(k => k.Weight));
        foreach (var (kind, weight) in kinds)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return kinds[^1].Kind;
    }

    /// <summary>A point uniformly within <paramref name="metres"/> of the centre.</summary>
    private static (double Latitude, double Longitude) Jitter(double latitude, double longitude, double metres, Random random)
    {
        var distance = metres * Math.Sqrt(random.NextDouble());
        var bearing = random.NextDouble() * 2 * Math.PI;
        var dLat = distance * Math.Cos(bearing) / MetresPerDegree;
        var dLon = distance * Math.Sin(bearing) / (MetresPerDegree * Math.Cos(double.DegreesToRadians(latitude)));
        return (latitude + dLat, longitude + dLon);
    }

    private static WorkItem Item(BenchReport report, DateTimeOffset now) =>
        new(0, "incident-reports", report.Reference, report.Json, [], 0, null, WorkItemState.InProgress, 1, "bench", null, null, null, null, null, null, now, now);

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)], 3);

    // /proc/loadavg's first three fields; the bench runs on a shared machine, so the load says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record SeededIncident(
        string Reference, IncidentKind Kind, GazetteerEntry Entry, double Latitude, double Longitude, DateTimeOffset OccurredAt, string Text);

    private sealed record BenchReport(string Reference, string Json, string? Repeats);
}
