using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>
/// Loads labelled examples from a CSV file with a header naming <c>text</c> and <c>label</c> (optional <c>id</c>),
/// or from JSONL with the same fields, one object per line.
/// </summary>
public static class LabelledTextLoader
{
    /// <summary>Loads a <c>.csv</c>, <c>.jsonl</c> or <c>.json</c> (JSON lines) file; the extension decides.</summary>
    public static IReadOnlyList<LabelledText> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".CSV" => ReadCsv(reader),
            ".JSONL" or ".JSON" or ".NDJSON" => ReadJsonl(reader),
            var other => throw new NotSupportedException($"Unsupported labelled-data file type '{other}': use .csv or .jsonl."),
        };
    }

    /// <summary>Reads CSV with a header row; <paramref name="labelColumn"/> names the label column (default <c>label</c>).</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="labelColumn">The label column's name; BANKING77 calls it <c>category</c>.</param>
    /// <param name="requireLabel">False to read unlabelled input for prediction (label becomes empty).</param>
    public static IReadOnlyList<LabelledText> ReadCsv(TextReader reader, string labelColumn = "label", bool requireLabel = true)
    {
        using var records = CsvRecordReader.ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            return [];
        }

        var header = records.Current.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var textIndex = IndexOf(header, "text") ?? throw new FormatException("The CSV header has no 'text' column.");
        var labelIndex = IndexOf(header, labelColumn);
        if (labelIndex is null && requireLabel)
        {
            throw new FormatException($"The CSV header has no '{labelColumn}' column.");
        }

        var idIndex = IndexOf(header, "id");
        var result = new List<LabelledText>();
        var row = 1;
        while (records.MoveNext())
        {
            row++;
            var fields = records.Current;
            if (fields.Count != header.Count)
            {
                throw new FormatException($"CSV record {row} has {fields.Count} fields; the header has {header.Count}.");
            }

            result.Add(new LabelledText(
                fields[textIndex],
                labelIndex is { } l ? fields[l].Trim() : string.Empty,
                idIndex is { } i ? fields[i] : null));
        }

        return result;
    }

    /// <summary>Reads JSON lines: objects with string <c>text</c>, <c>label</c> and optional <c>id</c> (string or number).</summary>
    public static IReadOnlyList<LabelledText> ReadJsonl(TextReader reader, bool requireLabel = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<LabelledText>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"JSONL line {lineNumber} is not an object.");
            }

            var text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new FormatException($"JSONL line {lineNumber} has no string 'text'.");
            string label;
            if (root.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String)
            {
                label = l.GetString()!.Trim();
            }
            else if (requireLabel)
            {
                throw new FormatException($"JSONL line {lineNumber} has no string 'label'.");
            }
            else
            {
                label = string.Empty;
            }

            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind switch
                {
                    JsonValueKind.String => idElement.GetString(),
                    JsonValueKind.Number => idElement.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException($"JSONL line {lineNumber}: 'id' must be a string or a number."),
                };
            }

            result.Add(new LabelledText(text, label, id));
        }

        return result;
    }

    private static int? IndexOf(List<string> header, string name)
    {
        var index = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index;
    }
}
