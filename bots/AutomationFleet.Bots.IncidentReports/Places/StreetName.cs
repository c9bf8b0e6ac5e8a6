using System.Collections.Frozen;
using System.Text;

namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>
/// Street and place names in compared form: lower case, letters and digits only, abbreviations written out
/// ("Rd" → road; "St" → saint before a name, street after one), so "St Mary's Rd" and "Saint Marys Road" compare equal.
/// </summary>
public static class StreetName
{
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>
    {
        ["rd"] = "road",
        ["ave"] = "avenue",
        ["av"] = "avenue",
        ["avn"] = "avenue",
        ["ln"] = "lane",
        ["cl"] = "close",
        ["dr"] = "drive",
        ["drv"] = "drive",
        ["cres"] = "crescent",
        ["cresc"] = "crescent",
        ["cr"] = "crescent",
        ["pl"] = "place",
        ["gr"] = "grove",
        ["gro"] = "grove",
        ["gdns"] = "gardens",
        ["gdn"] = "gardens",
        ["terr"] = "terrace",
        ["ter"] = "terrace",
        ["tce"] = "terrace",
        ["sq"] = "square",
        ["ct"] = "court",
        ["crt"] = "court",
        ["wk"] = "walk",
        ["wy"] = "way",
        ["pk"] = "park",
        ["grn"] = "green",
        ["hl"] = "hill",
        ["upr"] = "upper",
        ["lwr"] = "lower",
        ["str"] = "street",
    }.ToFrozenDictionary();

    /// <summary>The words that end most English street names, once abbreviations are written out.</summary>
    internal static readonly FrozenSet<string> StreetTypes = new[]
    {
        "road", "street", "lane", "avenue", "close", "drive", "way", "crescent", "place", "grove", "gardens", "terrace",
        "square", "court", "walk", "rise", "hill", "green", "row", "mews", "park", "view", "parade", "end", "gate",
    }.ToFrozenSet();

    /// <summary>Lower-case words of letters and digits; apostrophes vanish ("Mary's" → marys), other marks split words.</summary>
    public static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '’'))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A name in compared form.</summary>
    public static string Normalise(string? name) => Normalise(Words(name));

    internal static string Normalise(ReadOnlySpan<string> words)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            string expanded;
            if (word == "st")
            {
                expanded = i == 0 && words.Length > 1 ? "saint" : "street";
            }
            else
            {
                expanded = Abbreviations.GetValueOrDefault(word, word);
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(expanded);
        }

        return builder.ToString();
    }

    /// <summary>Whether a word is a house number ("14", "14a", "3-5" split as words).</summary>
    internal static bool IsNumber(string word) => word.Length > 0 && char.IsAsciiDigit(word[0]);
}
