using System.Text;
using System.Text.RegularExpressions;

namespace AutomationFleet.Documents.Tests;

/// <summary>
/// Character accuracy = 1 - Levenshtein(truth, ocr) / length(truth), after normalising both texts the same way:
/// typographic quotes and dashes to ASCII (' " -), the fi/fl ligatures to letters, every run of whitespace (spaces,
/// tabs, line and page breaks) to one space, trimmed. Case and all other characters count.
/// </summary>
internal static partial class CharacterAccuracy
{
    public static double Of(string truth, string ocr)
    {
        var t = Normalise(truth);
        var o = Normalise(ocr);
        return 1.0 - ((double)Levenshtein(t, o) / t.Length);
    }

    public static string Normalise(string text)
    {
        var s = new StringBuilder(text)
            .Replace('\u2018', '\'').Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
            .Replace('\u2014', '-').Replace('\u2013', '-').Replace("\uFB01", "fi").Replace("\uFB02", "fl")
            .ToString();
        return Whitespace().Replace(s, " ").Trim();
    }

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
