using System.Text;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// An address line in compared form: lower-case words without punctuation, the house number (the first token with a
/// digit, e.g. 12a), the street (the words after it up to and including a street word such as road or lane, at most
/// three), and a hash of every token for the token-overlap level.
/// </summary>
public sealed record AddressLine(string Full, string HouseNumber, string Street, ulong[] TokenHashes)
{
    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "road", "rd", "street", "st", "lane", "ln", "avenue", "ave", "close", "cl", "drive", "dr", "way", "place", "pl", "court", "ct",
        "crescent", "cres", "grove", "gardens", "gdns", "terrace", "tce", "square", "sq", "hill", "park", "walk", "row", "mews", "green",
    };

    /// <summary>No address.</summary>
    public static AddressLine None { get; } = new("", "", "", []);

    /// <summary>Normalises <paramref name="text"/> and picks out house number and street.</summary>
    public static AddressLine Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        var tokens = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return None;
        }

        var numberAt = Array.FindIndex(tokens, t => t.Any(char.IsAsciiDigit));
        var houseNumber = numberAt < 0 ? "" : tokens[numberAt];
        var streetTokens = new List<string>(3);
        for (var i = numberAt + 1; i < tokens.Length && streetTokens.Count < 3; i++)
        {
            streetTokens.Add(tokens[i]);
            if (StreetWords.Contains(tokens[i]))
            {
                break;
            }
        }

        var hashes = tokens.Select(StableHash.Of).Distinct().Order().ToArray();
        return new AddressLine(string.Join(' ', tokens), houseNumber, string.Join(' ', streetTokens), hashes);
    }
}
