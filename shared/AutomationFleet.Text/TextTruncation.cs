using System.Text;

namespace AutomationFleet.Text;

/// <summary>
/// The truncation rule applied to every text before it is hashed and encoded: runs of whitespace collapse to one
/// space, leading and trailing whitespace go, and only the first <c>maxWords</c> whitespace-separated words are kept.
/// Whitespace-only text becomes the empty string.
/// </summary>
public static class TextTruncation
{
    /// <summary>The text as it is encoded: whitespace collapsed, at most <paramref name="maxWords"/> words.</summary>
    public static string Truncate(string text, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        var builder = new StringBuilder(Math.Min(text.Length, 4096));
        var words = 0;
        var i = 0;
        while (i < text.Length && words < maxWords)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            if (words > 0)
            {
                builder.Append(' ');
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            builder.Append(text, start, i - start);
            words++;
        }

        return builder.ToString();
    }
}
