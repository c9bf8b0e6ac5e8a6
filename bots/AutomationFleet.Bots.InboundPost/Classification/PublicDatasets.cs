using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Loaders for the public labelled sets in <c>shared/data</c> (BANKING77, CLINC150, CFPB complaints).</summary>
public static class PublicDatasets
{
    /// <summary>CLINC150's label for a query that fits no category.</summary>
    public const string OutOfScopeLabel = "oos";

    private const string CfpbCommentMarker = "Comment: ";

    /// <summary>BANKING77 <c>train.csv</c>: columns <c>text,category</c>.</summary>
    public static IReadOnlyList<LabelledText> LoadBanking77(string path)
    {
        using var reader = new StreamReader(path);
        return LabelledTextLoader.ReadCsv(reader, labelColumn: "category");
    }

    /// <summary>
    /// CLINC150 <c>data_full.json</c> (or <c>data_oos_plus.json</c>): every split in the file by its key
    /// (<c>train</c>, <c>val</c>, <c>oos_train</c>, <c>oos_val</c>, and <c>test</c>/<c>oos_test</c> where present);
    /// each entry is <c>[text, label]</c>, out-of-scope entries are labelled <see cref="OutOfScopeLabel"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LabelledText>> LoadClinc150(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var splits = new Dictionary<string, IReadOnlyList<LabelledText>>(StringComparer.Ordinal);
        foreach (var split in document.RootElement.EnumerateObject())
        {
            var items = new List<LabelledText>();
            var index = 0;
            foreach (var entry in split.Value.EnumerateArray())
            {
                if (entry.GetArrayLength() != 2)
                {
                    throw new FormatException($"CLINC150 split '{split.Name}' entry {index} is not [text, label].");
                }

                items.Add(new LabelledText(entry[0].GetString()!, entry[1].GetString()!, $"{split.Name}-{index}"));
                index++;
            }

            splits[split.Name] = items;
        }

        return splits;
    }

    /// <summary>
    /// CFPB complaints: a JSON array of <c>{"input", "output"}</c>. An instruction prefix (as in the test file)
    /// is stripped up to and including <c>Comment: </c>, a trailing <c>Product:</c> prompt and a leading
    /// <c>Narrative: </c> are removed.
    /// </summary>
    public static IReadOnlyList<LabelledText> LoadCfpb(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var items = new List<LabelledText>();
        var index = 0;
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var input = entry.GetProperty("input").GetString() ?? string.Empty;
            var label = entry.GetProperty("output").GetString() ?? throw new FormatException($"CFPB entry {index} has no output.");
            items.Add(new LabelledText(CleanCfpbInput(input), label.Trim(), $"cfpb-{index}"));
            index++;
        }

        return items;
    }

    /// <summary>Strips the CFPB prompt wrapping from one input, leaving the complaint text.</summary>
    public static string CleanCfpbInput(string input)
    {
        var text = input;
        var marker = text.IndexOf(CfpbCommentMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            text = text[(marker + CfpbCommentMarker.Length)..];
        }

        const string narrative = "Narrative: ";
        if (text.StartsWith(narrative, StringComparison.Ordinal))
        {
            text = text[narrative.Length..];
        }

        var product = text.LastIndexOf("\nProduct:", StringComparison.Ordinal);
        if (product >= 0)
        {
            text = text[..product];
        }

        return text.Trim();
    }
}
