using System.Text;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>American Soundex of a normalised name: a phonetic key for blocking, so Smyth and Smith fall in one block.</summary>
public static class Soundex
{
    /// <summary>The four-character key (letter and three digits), or "" for an empty name.</summary>
    public static string Of(string normalisedName)
    {
        ArgumentNullException.ThrowIfNull(normalisedName);
        var builder = new StringBuilder(4);
        var last = '\0';
        foreach (var c in normalisedName)
        {
            if (c is < 'a' or > 'z')
            {
                continue;
            }

            var code = Code(c);
            if (builder.Length == 0)
            {
                builder.Append(char.ToUpperInvariant(c));
                last = code;
                continue;
            }

            if (code != '0' && code != last)
            {
                builder.Append(code);
                if (builder.Length == 4)
                {
                    break;
                }
            }

            // h and w do not separate letters of the same code; vowels do.
            if (c is not ('h' or 'w'))
            {
                last = code;
            }
        }

        return builder.Length == 0 ? "" : builder.ToString().PadRight(4, '0');
    }

    private static char Code(char c) => c switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '0',
    };
}
