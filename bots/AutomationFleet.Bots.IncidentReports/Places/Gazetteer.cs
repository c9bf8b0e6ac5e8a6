using System.Globalization;
using AutomationFleet.Matching.Normalisation;
using CsvHelper;
using CsvHelper.Configuration;

namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>The streets a council knows, loaded from a CSV extract (columns as in <c>config/incidents/gazetteer.csv</c>).</summary>
public sealed class Gazetteer
{
    private const int MaxProblems = 50;

    private static readonly string[] Columns = ["place_id", "street", "locality", "town", "postcode", "area", "latitude", "longitude"];

    public Gazetteer(IEnumerable<GazetteerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
    }

    public IReadOnlyList<GazetteerEntry> Entries { get; }

    /// <summary>Reads a gazetteer CSV; every bad row (up to 50) is reported at once, by line and column.</summary>
    /// <exception cref="GazetteerException">The file has bad rows or misses a column.</exception>
    public static Gazetteer Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a gazetteer from CSV text; <paramref name="source"/> names it in problems.</summary>
    public static Gazetteer Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new GazetteerException(source, [$"{source}: line 1: no header row (expected {string.Join(",", Columns)})."]);
        }

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < csv.HeaderRecord.Length; i++)
        {
            index.TryAdd(csv.HeaderRecord[i].Trim(), i);
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new GazetteerException(source, [$"{source}: line 1: missing column(s) {string.Join(", ", missing)}."]);
        }

        var problems = new List<string>();
        var entries = new List<GazetteerEntry>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var rowProblems = problems.Count;
            string? Field(string column, bool required)
            {
                var i = index[column];
                var value = i < csv.Parser.Count ? csv.Parser[i]?.Trim() : null;
                if (string.IsNullOrEmpty(value))
                {
                    if (required)
                    {
                        problems.Add($"{source}: line {line}, column {column}: is empty.");
                    }

                    return null;
                }

                return value;
            }

            double Coordinate(string column, double min, double max)
            {
                var text = Field(column, required: true);
                if (text is null)
                {
                    return double.NaN;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                {
                    problems.Add($"{source}: line {line}, column {column}: '{text}' is not a number between {min} and {max}.");
                    return double.NaN;
                }

                return value;
            }

            var placeId = Field("place_id", required: true);
            var street = Field("street", required: true);
            var locality = Field("locality", required: false);
            var town = Field("town", required: true);
            var postcodeText = Field("postcode", required: true);
            var area = Field("area", required: true);
            var latitude = Coordinate("latitude", -90, 90);
            var longitude = Coordinate("longitude", -180, 180);
            var postcode = Postcode.Parse(postcodeText);
            if (postcodeText is not null && postcode.District.Length == 0)
            {
                problems.Add($"{source}: line {line}, column postcode: '{postcodeText}' is not a UK postcode.");
            }

            if (problems.Count == rowProblems)
            {
                entries.Add(new GazetteerEntry(placeId!, street!, locality, town!, postcode.Full, area!, latitude, longitude));
            }

            if (problems.Count >= MaxProblems)
            {
                problems.Add($"{source}: stopped after {MaxProblems} problems.");
                break;
            }
        }

        if (problems.Count > 0)
        {
            throw new GazetteerException(source, problems);
        }

        return new Gazetteer(entries);
    }
}
