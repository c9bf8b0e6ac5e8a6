using System.Globalization;
using System.Text;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// Puts a name into the form names are compared in: lower case, accents removed, titles (Mr, Mrs, Dr, ...) dropped,
/// apostrophes and hyphens closed up (O'Brien → obrien, Smith-Jones → smithjones), other punctuation a space.
/// </summary>
public static class NameNormaliser
{
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord", "rev", "revd", "reverend", "fr", "master",
    };

    /// <summary>The normalised tokens of <paramref name="name"/>, titles removed.</summary>
    public static string[] Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '-' or '‐')
            {
                continue;
            }

            builder.Append(char.IsLetter(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !Titles.Contains(t)).ToArray();
    }

    /// <summary>The first given name (middle names are left out: sources disagree on them far more often than on the first).</summary>
    public static string GivenName(string? name)
    {
        var tokens = Tokens(name);
        return tokens.Length == 0 ? "" : tokens[0];
    }

    /// <summary>The surname with its parts closed up (van der Berg → vanderberg).</summary>
    public static string Surname(string? name) => string.Concat(Tokens(name));
}
