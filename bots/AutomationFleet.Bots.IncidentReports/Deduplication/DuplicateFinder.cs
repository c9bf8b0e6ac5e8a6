using System.Globalization;
using System.Numerics.Tensors;
using AutomationFleet.Bots.IncidentReports.Places;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Text;

namespace AutomationFleet.Bots.IncidentReports.Deduplication;

/// <summary>
/// Decides whether a report repeats an open incident: the same kind group (the store's query), within the kind's
/// window, at the same place (within the kind's distance when both have coordinates; else the same gazetteer place or
/// the same person) and in similar words. Words are compared in a cascade: <see cref="WordOverlap"/> (microseconds)
/// calls the clear cases, a duplicate at or above <see cref="DuplicateWords.ClearOverlap"/> and a different thing below
/// <see cref="DuplicateWords.UnrelatedOverlap"/>; only the pairs in between are embedded by the sentence encoder
/// (milliseconds a text) and linked when their cosine is at least <see cref="DuplicateWords.EncoderSimilarity"/>. The
/// band was chosen on a labelled set of report pairs so the cascade decides as the encoder alone would (see the README).
/// An incident keeps its text's vector when the decision that opened it had encoded it anyway
/// (<see cref="CachedTextVectorOf"/>), so a report in the band compared with it costs one encoding, its own text's;
/// incidents without a kept vector of this encoder are encoded with it, in the same call.
/// </summary>
public sealed class DuplicateFinder(ITextEmbedder embedder, DuplicateWords words)
{
    private long _reportsCompared;
    private long _pairsByOverlap;
    private long _pairsByEncoder;
    private long _candidatesFromStore;
    private long _candidatesEncoded;

    /// <summary>Reports that had an open incident at the same place and time, so their words were compared.</summary>
    public long ReportsCompared => Interlocked.Read(ref _reportsCompared);

    /// <summary>Report–incident pairs the word overlap decided alone.</summary>
    public long PairsDecidedByOverlap => Interlocked.Read(ref _pairsByOverlap);

    /// <summary>Report–incident pairs sent to the sentence encoder (the overlap was in the uncertain band).</summary>
    public long PairsSentToEncoder => Interlocked.Read(ref _pairsByEncoder);

    /// <summary>Of <see cref="PairsSentToEncoder"/>, the incidents whose kept vector was used (no encoding of their text).</summary>
    public long CandidateVectorsFromStore => Interlocked.Read(ref _candidatesFromStore);

    /// <summary>Of <see cref="PairsSentToEncoder"/>, the incidents with no vector of this encoder kept, so their text was encoded.</summary>
    public long CandidateTextsEncoded => Interlocked.Read(ref _candidatesEncoded);

    /// <summary>The best open incident the report repeats, with the reasons; null when it repeats none.</summary>
    public DuplicateMatch? Find(DuplicateQuery report, IReadOnlyList<Incident> candidates)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(candidates);
        var samePlace = new List<(Incident Incident, double? Metres, string Where)>();
        foreach (var incident in candidates)
        {
            if (incident.OccurredAt < report.OccurredAt - report.Window || !IncidentTransitions.IsActive(incident.State))
            {
                continue;
            }

            if (report.Latitude is { } lat && report.Longitude is { } lon && incident.Latitude is { } ilat && incident.Longitude is { } ilon)
            {
                var metres = GeoDistance.Metres(lat, lon, ilat, ilon);
                if (metres <= report.DistanceMetres)
                {
                    samePlace.Add((incident, metres, string.Create(CultureInfo.InvariantCulture, $"{metres:0} m away (within {report.DistanceMetres:0} m)")));
                }
            }
            else if (report.PlaceId is not null && report.PlaceId == incident.PlaceId)
            {
                samePlace.Add((incident, null, "on the same street (no coordinates to measure)"));
            }
            else if (report.PersonId is not null && report.PersonId == incident.PersonId)
            {
                samePlace.Add((incident, null, "about the same person"));
            }
        }

        if (samePlace.Count == 0)
        {
            return null;
        }

        Interlocked.Increment(ref _reportsCompared);
        var reportWords = WordOverlap.Features.Of(report.Text);
        (int Index, double Overlap)? clearest = null;
        var uncertain = new List<(int Index, double Overlap)>();
        for (var i = 0; i < samePlace.Count; i++)
        {
            var overlap = WordOverlap.Similarity(reportWords, WordOverlap.Features.Of(samePlace[i].Incident.Text));
            if (overlap >= words.ClearOverlap)
            {
                clearest = clearest is { } c && c.Overlap >= overlap ? c : (i, overlap);
            }
            else if (overlap >= words.UnrelatedOverlap)
            {
                uncertain.Add((i, overlap));
            }
        }

        // A clear repeat needs no encoder: on the labelled pairs the encoder linked every pair this overlap called clear.
        if (clearest is { } clear)
        {
            Interlocked.Add(ref _pairsByOverlap, samePlace.Count);
            return Match(report, samePlace[clear.Index], clear.Overlap, string.Create(
                CultureInfo.InvariantCulture,
                $"Words: similarity {clear.Overlap:0.00} by word and letter-trigram overlap, a clear repeat (at least {words.ClearOverlap:0.00}); the sentence encoder was not needed."));
        }

        Interlocked.Add(ref _pairsByOverlap, samePlace.Count - uncertain.Count);
        if (uncertain.Count == 0)
        {
            return null;
        }

        Interlocked.Add(ref _pairsByEncoder, uncertain.Count);
        var vectors = Vectors(report.Text, uncertain.Select(u => samePlace[u.Index].Incident).ToList());
        DuplicateMatch? best = null;
        for (var i = 0; i < uncertain.Count; i++)
        {
            var similarity = Cosine(vectors[0], vectors[i + 1]);
            if (similarity < words.EncoderSimilarity || (best is not null && similarity <= best.Similarity))
            {
                continue;
            }

            best = Match(report, samePlace[uncertain[i].Index], similarity, string.Create(
                CultureInfo.InvariantCulture,
                $"Words: similarity {similarity:0.00} by the sentence encoder ({embedder.ModelName} cosine, at least {words.EncoderSimilarity:0.00}); word overlap {uncertain[i].Overlap:0.00} was between {words.UnrelatedOverlap:0.00} and {words.ClearOverlap:0.00}, too close to call."));
        }

        return best;
    }

    /// <summary>
    /// The vector an incident opened from <paramref name="text"/> keeps (<see cref="Incident.TextVector"/>), so that a
    /// later report is compared with it without encoding it again; null when the encoder does not hold it already. Never
    /// encodes: the decision encoded the report's text only when its words were in the uncertain band with an open
    /// incident, and most new incidents are never compared with a later report, so encoding each one when it is opened
    /// cost more than it saved (a later report encodes an incident without a kept vector in its own call instead).
    /// </summary>
    public IncidentTextVector? CachedTextVectorOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return embedder.TryGetCached(text, out var vector) ? new IncidentTextVector(embedder.ModelName, vector) : null;
    }

    // The report's vector first, then each candidate's: the vector kept with the incident when it is this encoder's,
    // else encoded here (an incident opened before vectors were kept, or under another model), in the report's call.
    private float[][] Vectors(string reportText, List<Incident> candidates)
    {
        var vectors = new float[candidates.Count + 1][];
        var texts = new List<string>(candidates.Count + 1) { reportText };
        var slots = new List<int>(candidates.Count + 1) { 0 };
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].TextVector is { } kept
                && string.Equals(kept.Model, embedder.ModelName, StringComparison.Ordinal)
                && kept.Values.Length == embedder.Dimensions)
            {
                vectors[i + 1] = kept.Values;
            }
            else
            {
                texts.Add(candidates[i].Text);
                slots.Add(i + 1);
            }
        }

        Interlocked.Add(ref _candidatesEncoded, texts.Count - 1);
        Interlocked.Add(ref _candidatesFromStore, candidates.Count - (texts.Count - 1));
        var encoded = embedder.EmbedMany(texts);
        for (var i = 0; i < slots.Count; i++)
        {
            vectors[slots[i]] = encoded[i];
        }

        return vectors;
    }

    private static DuplicateMatch Match(DuplicateQuery report, (Incident Incident, double? Metres, string Where) candidate, double similarity, string wordsReason)
    {
        var (incident, _, where) = candidate;
        var hours = (report.OccurredAt - incident.OccurredAt).TotalHours;
        return new DuplicateMatch(incident, similarity,
        [
            $"Same kind group '{incident.KindGroup}' as open incident {incident.Reference} ({incident.Kind}).",
            $"Place: {where}.",
            string.Create(CultureInfo.InvariantCulture, $"Time: {Math.Abs(hours):0.#} h {(hours >= 0 ? "after" : "before")} it (window {report.Window.TotalHours:0.#} h)."),
            wordsReason,
        ]);
    }

    // The embedder's vectors are unit length, so the dot product is the cosine.
    private static double Cosine(float[] a, float[] b) => TensorPrimitives.Dot(a, b);
}

/// <summary>What a report is compared by: its kind's window and distance, its place, person, time and words.</summary>
public sealed record DuplicateQuery(
    TimeSpan Window, double DistanceMetres, double? Latitude, double? Longitude, string? PlaceId, string? PersonId, DateTimeOffset OccurredAt, string Text);

/// <summary>
/// How a report's words are compared with an open incident's: linked at once when their word overlap is at least
/// <paramref name="ClearOverlap"/>, not linked when it is below <paramref name="UnrelatedOverlap"/>, and in between
/// linked when the sentence encoder's cosine is at least <paramref name="EncoderSimilarity"/>.
/// </summary>
public sealed record DuplicateWords(double EncoderSimilarity, double ClearOverlap, double UnrelatedOverlap)
{
    /// <summary>The thresholds of the bot's options.</summary>
    public static DuplicateWords From(IncidentReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DuplicateWords(options.DuplicateTextSimilarity, options.DuplicateWordOverlapClear, options.DuplicateWordOverlapUnrelated);
    }
}

/// <summary>An open incident a report repeats, how alike their words are, and why it counts as the same thing.</summary>
public sealed record DuplicateMatch(Incident Incident, double Similarity, IReadOnlyList<string> Reasons);
