using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.FinancialAssessments.Rates;

/// <summary>
/// Every year's rates from a folder of <c>{year}.json</c> files. The year is chosen by the assessment's effective date;
/// a year with no file is an error (<see cref="UnknownChargingYearException"/>), never the nearest year's rates.
/// </summary>
public sealed partial class ChargingRates
{
    private static readonly string[] Tags = ["C", "D", "U"];

    private readonly Dictionary<string, ChargingYear> _years;

    public ChargingRates(IEnumerable<ChargingYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        _years = years.ToDictionary(y => y.Year, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Years => _years.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The rates of the year <paramref name="effectiveDate"/> falls in.</summary>
    public ChargingYear For(DateOnly effectiveDate)
    {
        var year = FinancialYear.Of(effectiveDate);
        return _years.TryGetValue(year, out var rates) ? rates : throw new UnknownChargingYearException(year, Years);
    }

    /// <summary>Reads every <c>*.json</c> in <paramref name="directory"/>; every problem in every file is reported at once.</summary>
    public static ChargingRates Load(string directory)
    {
        var problems = Check(directory, out var years);
        return problems.Count == 0
            ? new ChargingRates(years)
            : throw new ChargingRatesException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>What is wrong with the rates folder, one sentence a problem naming file and figure; empty when it loads.</summary>
    public static IReadOnlyList<string> Check(string directory) => Check(directory, out _);

    private static List<string> Check(string directory, out List<ChargingYear> years)
    {
        years = [];
        var problems = new List<string>();
        if (!Directory.Exists(directory))
        {
            problems.Add($"The charging rates folder '{directory}' does not exist.");
            return problems;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var year = ReadYear(path, problems);
            if (year is not null)
            {
                years.Add(year);
            }
        }

        if (years.Count == 0 && problems.Count == 0)
        {
            problems.Add($"The charging rates folder '{directory}' holds no year file (expected e.g. 2025-26.json).");
        }

        return problems;
    }

    private static ChargingYear? ReadYear(string path, List<string> problems)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var before = problems.Count;
        if (!YearName().IsMatch(name) || int.Parse(name.AsSpan(5, 2), CultureInfo.InvariantCulture) != (int.Parse(name.AsSpan(0, 4), CultureInfo.InvariantCulture) + 1) % 100)
        {
            problems.Add($"{path}: the file name must be the year it covers, e.g. 2025-26.json.");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            problems.Add($"{path}: not valid JSON ({exception.Message}).");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("year", out var year) || year.ValueKind != JsonValueKind.String || year.GetString() != name)
            {
                problems.Add($"{path}: \"year\" must be \"{name}\", as the file name says.");
            }

            if (!root.TryGetProperty("starts", out var starts) || starts.GetString() != FinancialYear.StartOf(name).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                problems.Add($"{path}: \"starts\" must be {FinancialYear.StartOf(name):yyyy-MM-dd} (the year starts on 6 April).");
            }

            var rates = new Dictionary<string, Rate>(StringComparer.Ordinal);
            foreach (var key in RateKeys.All)
            {
                var rate = ReadRate(path, root, key, problems);
                if (rate is not null)
                {
                    rates[key] = rate;
                }
            }

            return problems.Count == before ? new ChargingYear(name, path, rates) : null;
        }
    }

    private static Rate? ReadRate(string path, JsonElement root, string key, List<string> problems)
    {
        var element = root;
        foreach (var part in key.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                problems.Add($"{path}: {key} is missing (give {{ \"amount\": null, \"tag\": \"U\" }} for a figure not found).");
                return null;
            }
        }

        var tag = element.TryGetProperty("tag", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (tag is null || !Tags.Contains(tag))
        {
            problems.Add($"{path}: {key}.tag must be C, D or U.");
        }

        decimal? amount = null;
        if (!element.TryGetProperty("amount", out var a))
        {
            problems.Add($"{path}: {key}.amount is missing (null for a figure not found).");
        }
        else if (a.ValueKind == JsonValueKind.Number && a.TryGetDecimal(out var value) && value >= 0 && decimal.Round(value, 2) == value)
        {
            amount = value;
        }
        else if (a.ValueKind != JsonValueKind.Null)
        {
            problems.Add($"{path}: {key}.amount must be a non-negative amount in pounds and pence, or null.");
        }

        var note = element.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return tag is null ? null : new Rate(key, amount, tag, note);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex YearName();
}
