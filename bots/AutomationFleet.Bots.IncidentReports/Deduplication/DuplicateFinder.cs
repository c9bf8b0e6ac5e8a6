using System.Globalization;
using AutomationFleet.Bots.IncidentReports.Places;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Text;

namespace AutomationFleet.Bots.IncidentReports.Deduplication;

/// <summary>
/// Decides whether a report repeats an open incident: the same kind group (the store's query), within the kind's
/// window, at the same place (within the kind's distance when both have coordinates; else the same gazetteer place or
/// the same person) and in similar words (cosine of the sentence embeddings at least the configured similarity). Only
/// reports with a candidate at the same place and time are embedded, so the cost of the encoder is paid where it decides.
/// </summary>
public sealed class DuplicateFinder(ITextEmbedder embedder, double minimumSimilarity)
{
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

        var vectors = embedder.EmbedMany([report.Text, .. samePlace.Select(c => c.Incident.Text)]);
        DuplicateMatch? best = null;
        for (var i = 0; i < samePlace.Count; i++)
        {
            var similarity = Cosine(vectors[0], vectors[i + 1]);
            if (similarity < minimumSimilarity || (best is not null && similarity <= best.Similarity))
            {
                continue;
            }

            var (incident, _, where) = samePlace[i];
            var hours = (report.OccurredAt - incident.OccurredAt).TotalHours;
            best = new DuplicateMatch(incident, similarity,
            [
                $"Same kind group '{incident.KindGroup}' as open incident {incident.Reference} ({incident.Kind}).",
                $"Place: {where}.",
                string.Create(CultureInfo.InvariantCulture, $"Time: {Math.Abs(hours):0.#} h {(hours >= 0 ? "after" : "before")} it (window {report.Window.TotalHours:0.#} h)."),
                string.Create(CultureInfo.InvariantCulture, $"Words: similarity {similarity:0.00} (at least {minimumSimilarity:0.00})."),
            ]);
        }

        return best;
    }

    private static double Cosine(float[] a, float[] b)
    {
        // The embedder's vectors are unit length, so the dot product is the cosine.
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }
}

/// <summary>What a report is compared by: its kind's window and distance, its place, person, time and words.</summary>
public sealed record DuplicateQuery(
    TimeSpan Window, double DistanceMetres, double? Latitude, double? Longitude, string? PlaceId, string? PersonId, DateTimeOffset OccurredAt, string Text);

/// <summary>An open incident a report repeats, how alike their words are, and why it counts as the same thing.</summary>
public sealed record DuplicateMatch(Incident Incident, double Similarity, IReadOnlyList<string> Reasons);
