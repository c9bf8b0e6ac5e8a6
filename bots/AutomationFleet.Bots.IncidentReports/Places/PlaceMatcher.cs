using System.Collections.Frozen;
using System.Globalization;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>
/// Finds the street a report is about, trying in turn: postcode and street together; the street named in the
/// address (fuzzy); a street named in free text; the nearest street point to given coordinates; the postcode alone.
/// Lookups are dictionary hits, fuzzy comparison only within small blocks of names, and a grid for points, so a
/// query costs microseconds even against a full LLPG (~100k streets).
/// </summary>
public sealed class PlaceMatcher
{
    private const int MaxWordsInName = 5;
    private const double CellDegrees = 0.005;
    private const double MetresPerDegreeLatitude = 111_320;
    private const double AmbiguousFactor = 0.7;
    private const double TextFactor = 0.9;

    private static readonly FrozenSet<string> UnitWords = new[] { "flat", "unit", "apartment", "apt", "house", "no" }.ToFrozenSet();

    private readonly PlaceMatcherOptions _options;
    private readonly FrozenDictionary<string, GazetteerEntry[]> _byPostcode;
    private readonly FrozenDictionary<string, GazetteerEntry[]> _byStreet;
    private readonly FrozenDictionary<string, string[]> _blocks;
    private readonly FrozenSet<string> _placeNames;
    private readonly FrozenDictionary<long, GazetteerEntry[]> _grid;

    public PlaceMatcher(Gazetteer gazetteer, PlaceMatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        _options = options ?? new PlaceMatcherOptions();
        var entries = gazetteer.Entries;
        _byPostcode = entries.GroupBy(e => e.Postcode, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byStreet = entries.GroupBy(e => StreetName.Normalise(e.Street), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _blocks = _byStreet.Keys
            .SelectMany(name => BlockKeys(name).Select(key => (key, name)))
            .GroupBy(p => p.key, p => p.name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _placeNames = entries.SelectMany(e => new[] { e.Town, e.Locality })
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(StreetName.Normalise)
            .ToFrozenSet(StringComparer.Ordinal);
        _grid = entries.GroupBy(e => CellKey(Cell(e.Latitude), Cell(e.Longitude)))
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    public PlaceMatch? Find(PlaceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var addressWords = StreetName.Words(query.Address);
        var textWords = StreetName.Words(query.Text);
        var postcode = Postcode.Parse(query.Postcode);
        if (postcode.District.Length == 0)
        {
            postcode = FindPostcode(addressWords) ?? FindPostcode(textWords) ?? Postcode.None;
        }

        var point = query.Latitude is { } lat && query.Longitude is { } lon && double.IsFinite(lat) && double.IsFinite(lon)
            ? (Latitude: lat, Longitude: lon)
            : ((double Latitude, double Longitude)?)null;
        var hints = new Hints(PlacesNamed(addressWords).Concat(PlacesNamed(textWords)).ToHashSet(StringComparer.Ordinal), postcode, point);
        var addressStreets = AddressStreetCandidates(query.Address);

        var match = ByPostcodeAndStreet(postcode, addressStreets)
            ?? ByAddressStreet(addressStreets, addressWords, hints)
            ?? ByStreetInText(textWords, hints)
            ?? ByCoordinates(point)
            ?? ByPostcodeAlone(postcode, point);
        return match is not null && match.Score >= _options.MinimumScore ? match : null;
    }

    private PlaceMatch? ByPostcodeAndStreet(Postcode postcode, List<string> addressStreets)
    {
        if (addressStreets.Count == 0 || !_byPostcode.TryGetValue(postcode.Full, out var rows))
        {
            return null;
        }

        GazetteerEntry? best = null;
        var bestScore = 0.0;
        foreach (var row in rows)
        {
            var name = StreetName.Normalise(row.Street);
            foreach (var candidate in addressStreets)
            {
                var score = StringSimilarity.JaroWinkler(candidate, name);
                if (score > bestScore)
                {
                    (best, bestScore) = (row, score);
                }
            }
        }

        if (best is null || bestScore < _options.MinimumStreetSimilarity)
        {
            return null;
        }

        return Match(best, "postcode-and-street", bestScore,
            $"Postcode {postcode.Full} and the street in the address match {Describe(best)}{Similarity(bestScore)}.");
    }

    private PlaceMatch? ByAddressStreet(List<string> addressStreets, string[] addressWords, Hints hints)
    {
        (string Name, double Score)? best = null;
        foreach (var candidate in addressStreets)
        {
            if (BestStreet(candidate) is { } found && (best is null || found.Score > best.Value.Score))
            {
                best = found;
            }
        }

        if (best is { } street)
        {
            return Choose(street.Name, street.Score, hints, "street", "The address names");
        }

        // An address without commas ("14 Mill Lane Ashby") is read like free text.
        return ByStreetInText(addressWords, hints, "street", "The address names", 1.0);
    }

    private PlaceMatch? ByStreetInText(string[] words, Hints hints) =>
        ByStreetInText(words, hints, "street-in-text", "The text names", TextFactor);

    private PlaceMatch? ByStreetInText(string[] words, Hints hints, string how, string source, double factor)
    {
        if (words.Length == 0)
        {
            return null;
        }

        // Exact names first, longest first, so "St Mary's Road" beats a street called "Road" or "Mary".
        for (var length = Math.Min(MaxWordsInName, words.Length); length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                if (StreetName.IsNumber(words[start]))
                {
                    continue;
                }

                var name = StreetName.Normalise(words.AsSpan(start, length));
                if (_byStreet.ContainsKey(name) && !(length == 1 && _placeNames.Contains(name)))
                {
                    return Choose(name, factor, hints, how, source);
                }
            }
        }

        // Then misspelt names, only where a street-type word ("lane", "rd") ends the phrase.
        (string Name, double Score)? best = null;
        for (var end = 1; end < words.Length; end++)
        {
            if (!StreetName.StreetTypes.Contains(StreetName.Normalise(words.AsSpan(end, 1))))
            {
                continue;
            }

            for (var length = 2; length <= Math.Min(MaxWordsInName, end + 1); length++)
            {
                var start = end - length + 1;
                if (StreetName.IsNumber(words[start]))
                {
                    break;
                }

                if (BestStreet(StreetName.Normalise(words.AsSpan(start, length))) is { } found && (best is null || found.Score > best.Value.Score))
                {
                    best = found;
                }
            }
        }

        return best is { } street ? Choose(street.Name, street.Score * factor, hints, how, source) : null;
    }

    private PlaceMatch? ByCoordinates((double Latitude, double Longitude)? point)
    {
        if (point is not { } p || Nearest(p, null) is not { } nearest)
        {
            return null;
        }

        var score = 1 - (0.5 * nearest.Metres / _options.MaximumDistanceMetres);
        return Match(nearest.Entry, "coordinates", score,
            $"The reported location is {nearest.Metres.ToString("0", CultureInfo.InvariantCulture)} m from {Describe(nearest.Entry)}, the nearest street point.");
    }

    private PlaceMatch? ByPostcodeAlone(Postcode postcode, (double Latitude, double Longitude)? point)
    {
        if (!_byPostcode.TryGetValue(postcode.Full, out var rows))
        {
            return null;
        }

        var streets = rows.Select(r => r.PlaceId).Distinct(StringComparer.Ordinal).Count();
        if (streets == 1)
        {
            return Match(rows[0], "postcode", 0.9, $"Postcode {postcode.Full} covers one street, {Describe(rows[0])}.");
        }

        var row = point is { } p ? Nearest(p, rows)!.Value.Entry : rows.OrderBy(r => r.PlaceId, StringComparer.Ordinal).First();
        var why = point is null ? "the first by identifier, as nothing else chooses" : "the nearest to the reported location";
        return Match(row, "postcode", 0.6, $"Postcode {postcode.Full} covers {streets} streets; {Describe(row)} is {why}.");
    }

    // Among the streets of one name, the one the hints point to: a town or locality named, the postcode district, the point.
    private PlaceMatch Choose(string name, double similarity, Hints hints, string how, string source)
    {
        var rows = _byStreet[name];
        var candidates = rows;
        var because = "";
        var places = rows.Select(r => r.PlaceId).Distinct(StringComparer.Ordinal).Count();
        if (places > 1)
        {
            var named = rows.Where(r => hints.PlaceNames.Contains(StreetName.Normalise(r.Town))
                || (r.Locality is not null && hints.PlaceNames.Contains(StreetName.Normalise(r.Locality)))).ToArray();
            var inDistrict = rows.Where(r => hints.Postcode.District.Length > 0
                && r.Postcode.StartsWith(hints.Postcode.District + " ", StringComparison.Ordinal)).ToArray();
            if (named.Length > 0)
            {
                candidates = named;
                because = $"; of {places} streets of that name, the one in {named[0].Town}, which is named too";
            }
            else if (inDistrict.Length > 0)
            {
                candidates = inDistrict;
                because = $"; of {places} streets of that name, the one in postcode district {hints.Postcode.District}";
            }
            else if (hints.Point is { } p)
            {
                var nearest = Nearest(p, rows, unlimited: true)!.Value.Entry;
                candidates = rows.Where(r => r.PlaceId == nearest.PlaceId).ToArray();
                because = $"; of {places} streets of that name, the one nearest the reported location";
            }
        }

        var remaining = candidates.Select(r => r.PlaceId).Distinct(StringComparer.Ordinal).Count();
        var score = similarity;
        if (remaining > 1)
        {
            score *= AmbiguousFactor;
            because = $"; {remaining} streets have that name ({string.Join(", ", candidates.Select(r => r.Town).Distinct(StringComparer.Ordinal))}) and nothing says which, so the first is given";
        }

        var row = candidates.FirstOrDefault(r => r.Postcode == hints.Postcode.Full)
            ?? (hints.Point is { } point ? Nearest(point, candidates, unlimited: true)!.Value.Entry : candidates[0]);
        return Match(row, how, score, $"{source} {Describe(row)}{Similarity(similarity)}{because}.");
    }

    private (string Name, double Score)? BestStreet(string candidate)
    {
        if (candidate.Length == 0)
        {
            return null;
        }

        if (_byStreet.ContainsKey(candidate))
        {
            return (candidate, 1.0);
        }

        string? best = null;
        var bestScore = 0.0;
        foreach (var key in BlockKeys(candidate))
        {
            if (!_blocks.TryGetValue(key, out var names))
            {
                continue;
            }

            foreach (var name in names)
            {
                var score = StringSimilarity.JaroWinkler(candidate, name);
                if (score > bestScore || (score == bestScore && best is not null && string.CompareOrdinal(name, best) < 0))
                {
                    (best, bestScore) = (name, score);
                }
            }
        }

        return best is not null && bestScore >= _options.MinimumStreetSimilarity ? (best, bestScore) : null;
    }

    private (GazetteerEntry Entry, double Metres)? Nearest((double Latitude, double Longitude) point, IEnumerable<GazetteerEntry>? among, bool unlimited = false)
    {
        IEnumerable<GazetteerEntry> candidates;
        if (among is not null)
        {
            candidates = among;
        }
        else
        {
            var latCells = (int)Math.Ceiling(_options.MaximumDistanceMetres / MetresPerDegreeLatitude / CellDegrees);
            var cos = Math.Max(0.01, Math.Cos(double.DegreesToRadians(point.Latitude)));
            var lonCells = (int)Math.Ceiling(_options.MaximumDistanceMetres / (MetresPerDegreeLatitude * cos) / CellDegrees);
            var (row, column) = (Cell(point.Latitude), Cell(point.Longitude));
            var found = new List<GazetteerEntry>();
            for (var r = row - latCells; r <= row + latCells; r++)
            {
                for (var c = column - lonCells; c <= column + lonCells; c++)
                {
                    if (_grid.TryGetValue(CellKey(r, c), out var cell))
                    {
                        found.AddRange(cell);
                    }
                }
            }

            candidates = found;
        }

        (GazetteerEntry Entry, double Metres)? best = null;
        foreach (var entry in candidates)
        {
            var metres = GeoDistance.Metres(point.Latitude, point.Longitude, entry.Latitude, entry.Longitude);
            if ((unlimited || metres <= _options.MaximumDistanceMetres) && (best is null || metres < best.Value.Metres))
            {
                best = (entry, metres);
            }
        }

        return best;
    }

    private Postcode? FindPostcode(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            foreach (var text in i + 1 < words.Length ? new[] { words[i] + words[i + 1], words[i] } : [words[i]])
            {
                var postcode = Postcode.Parse(text);
                if (postcode.District.Length > 0 && _byPostcode.ContainsKey(postcode.Full))
                {
                    return postcode;
                }
            }
        }

        return null;
    }

    private IEnumerable<string> PlacesNamed(string[] words)
    {
        for (var start = 0; start < words.Length; start++)
        {
            for (var length = 1; length <= Math.Min(3, words.Length - start); length++)
            {
                var name = StreetName.Normalise(words.AsSpan(start, length));
                if (_placeNames.Contains(name))
                {
                    yield return name;
                }
            }
        }
    }

    // The street part of each comma-separated piece of an address, without house numbers or flat words.
    private static List<string> AddressStreetCandidates(string? address)
    {
        var candidates = new List<string>();
        if (string.IsNullOrWhiteSpace(address))
        {
            return candidates;
        }

        foreach (var piece in address.Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var words = StreetName.Words(piece).SkipWhile(w => StreetName.IsNumber(w) || UnitWords.Contains(w)).ToArray();
            if (words.Length == 0 || Postcode.Parse(string.Concat(words)).District.Length > 0)
            {
                continue;
            }

            candidates.Add(StreetName.Normalise(words));
        }

        return candidates;
    }

    // A misspelling usually leaves one of three adjacent letter pairs at the start intact.
    private static IEnumerable<string> BlockKeys(string name)
    {
        for (var i = 0; i < 3 && i + 1 < name.Length; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{i}{name[i]}{name[i + 1]}");
        }
    }

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);

    private static long CellKey(int row, int column) => ((long)row << 32) | (uint)column;

    private static string Describe(GazetteerEntry e) =>
        e.Locality is null ? $"{e.Street}, {e.Town}" : $"{e.Street}, {e.Locality}, {e.Town}";

    private static string Similarity(double score) =>
        score >= 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" (name similarity {score:0.00})");

    private static PlaceMatch Match(GazetteerEntry e, string how, double score, string explanation) =>
        new(e.PlaceId, e.Street, e.Locality, e.Town, e.Area, e.Latitude, e.Longitude, how, Math.Round(score, 4), explanation);

    private sealed record Hints(HashSet<string> PlaceNames, Postcode Postcode, (double Latitude, double Longitude)? Point);
}
