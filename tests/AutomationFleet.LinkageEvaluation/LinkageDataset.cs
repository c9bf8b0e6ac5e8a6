using System.Globalization;
using AutomationFleet.Matching.Records;
using CsvHelper;
using CsvHelper.Configuration;

namespace AutomationFleet.LinkageEvaluation;

/// <summary>
/// One labelled set of shared/data/linkage: its records (one file for a dedupe, two for a link) and the truth, as the
/// true person of each record id. Records whose person is unknown (the ONS extract's <c>NA</c>) have no entry: pairs
/// with them are counted neither right nor wrong.
/// </summary>
public sealed record LinkageDataset(
    string Name,
    IReadOnlyList<PersonRecord> Left,
    IReadOnlyList<PersonRecord>? Right,
    IReadOnlyDictionary<string, string> PersonOf)
{
    /// <summary>True for a dedupe (one file), false for a link of two.</summary>
    public bool IsDedupe => Right is null;

    /// <summary>The sets, from <paramref name="root"/> (shared/data).</summary>
    public static IReadOnlyList<LinkageDataset> All(string root) =>
        [Febrl(root, 1), Febrl(root, 2), Febrl(root, 3), Fake1000(root), Ons(root)];

    /// <summary>FEBRL dataset N, deduplicated: ids <c>rec-N-org</c> / <c>rec-N-dup-k</c>, same N = same person.</summary>
    public static LinkageDataset Febrl(string root, int number)
    {
        var mapping = new ColumnMapping(new Dictionary<string, string[]>
        {
            ["id"] = ["rec_id"],
            ["address"] = ["street_number", "address_1", "address_2", "suburb"],
            ["other_id"] = ["soc_sec_id"],
        });
        var records = Read(Path.Combine(root, "linkage", "febrl", $"dataset{number}.csv"), mapping);
        return new LinkageDataset($"FEBRL{number} dedupe", records, null, records.ToDictionary(r => r.Id, r => r.Id.Split('-')[1], StringComparer.Ordinal));
    }

    /// <summary>Splink's fake_1000, deduplicated; the truth is its <c>cluster</c> column (the city is the only address).</summary>
    public static LinkageDataset Fake1000(string root)
    {
        var path = Path.Combine(root, "linkage", "splink", "fake_1000.csv");
        var mapping = new ColumnMapping(new Dictionary<string, string[]>
        {
            ["id"] = ["unique_id"],
            ["given_name"] = ["first_name"],
            ["date_of_birth"] = ["dob"],
            ["address"] = ["city"],
        });
        var records = Read(path, mapping);
        var clusters = ReadColumns(path, "unique_id", "cluster");
        return new LinkageDataset("fake_1000 dedupe", records, null, clusters);
    }

    /// <summary>
    /// The ONS census extract linked with the customer-system extract. The customer rows have no id of their own, so they
    /// are numbered (<c>cis-ROW</c>); the 512 that carry a census person_id are the labelled part.
    /// </summary>
    public static LinkageDataset Ons(string root)
    {
        var census = Read(Path.Combine(root, "linkage", "ons", "census.csv"), OnsMapping("person_id"));
        var numbered = Path.Combine(Path.GetTempPath(), $"fleet-ons-cis-{Environment.ProcessId}.csv");
        var truth = census.ToDictionary(r => r.Id, r => r.Id, StringComparer.Ordinal);
        try
        {
            using (var reader = new StreamReader(Path.Combine(root, "linkage", "ons", "cis_dev.csv")))
            using (var writer = new StreamWriter(numbered))
            {
                var header = reader.ReadLine()!;
                writer.WriteLine("row_id," + header);
                var row = 0;
                while (reader.ReadLine() is { } line)
                {
                    row++;
                    var id = $"cis-{row}";
                    writer.WriteLine(id + "," + line);
                    var personId = line[..line.IndexOf(',', StringComparison.Ordinal)].Trim('"');
                    if (personId != "NA")
                    {
                        truth[id] = personId;
                    }
                }
            }

            var cis = Read(numbered, OnsMapping("row_id"));
            return new LinkageDataset("ONS census × CIS link", census, cis, truth);
        }
        finally
        {
            File.Delete(numbered);
        }
    }

    private static ColumnMapping OnsMapping(string id) => new(new Dictionary<string, string[]>
    {
        ["id"] = [id],
        ["given_name"] = ["pername1"],
        ["surname"] = ["pername2"],
        ["sex"] = ["sex"],
        ["date_of_birth"] = ["dob_year", "dob_mon", "dob_day"],
        ["address"] = ["enumcap"],
        ["postcode"] = ["enumpc"],
    });

    private static List<PersonRecord> Read(string path, ColumnMapping mapping) =>
        new PersonRecordReader(new RecordFileOptions { InvalidValues = InvalidValueHandling.TreatAsMissing }).Read(path, mapping).Records.ToList();

    private static Dictionary<string, string> ReadColumns(string path, string key, string value)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in csv.GetRecords<dynamic>())
        {
            var fields = (IDictionary<string, object>)row;
            result[(string)fields[key]] = (string)fields[value];
        }

        return result;
    }
}
