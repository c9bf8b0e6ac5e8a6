using System.Text;
using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>
/// Finds UK phone numbers written with a 0, +44, 0044 or "+44 (0)" prefix, grouped by spaces, hyphens or
/// brackets, and reports them in E.164 form (+44 and the national significant number).
/// </summary>
internal static partial class PhoneRecogniser
{
    private const double Strength = 0.95;
    private const double WithoutCue = 0.9;
    private const double ShortNumber = 0.85;
    private const int CueWindow = 25;
    private const int MaxNationalDigits = 10;

    [GeneratedRegex(@"(?<![A-Za-z])(tel|telephone|phone|mobile|mob|call|ring|text|contact\s+number)(?![A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CueRegex();

    public static void Find(string text, List<FieldCandidate> found)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (TryReadAt(text, i, out var national, out var end))
            {
                var cueStart = Math.Max(0, i - CueWindow);
                var confidence = Strength;
                if (!CueRegex().IsMatch(text.AsSpan(cueStart, i - cueStart)))
                {
                    confidence *= WithoutCue;
                }

                if (national.Length < MaxNationalDigits)
                {
                    confidence *= ShortNumber;
                }

                found.Add(new FieldCandidate(FieldKinds.Phone, "+44" + national, i, end - i, confidence));
                i = end;
            }
            else
            {
                i++;
            }
        }
    }

    private static bool TryReadAt(string text, int start, out string national, out int end)
    {
        national = "";
        end = start;
        if (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '/' or '.' or '-'))
        {
            return false;
        }

        var i = start;
        if (Follows(text, i, "+44"))
        {
            i = SkipInternationalTrunk(text, i + 3);
        }
        else if (Follows(text, i, "0044"))
        {
            i = SkipInternationalTrunk(text, i + 4);
        }
        else if (Follows(text, i, "(0") && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))
        {
            i += 2;
        }
        else if (text[i] == '0')
        {
            i += 1;
        }
        else
        {
            return false;
        }

        var digits = new StringBuilder(MaxNationalDigits);
        var lastDigitEnd = i;
        while (i < text.Length && digits.Length < MaxNationalDigits)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                i++;
                lastDigitEnd = i;
            }
            else if (c is ' ' or '-' or '(' or ')' && digits.Length > 0 && i + 1 < text.Length
                && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] is ' ' or '(' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2])))
            {
                i++;
            }
            else if (c == ')' && digits.Length > 0)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        end = lastDigitEnd;
        if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || (text[end] is '/' or '.' or '-' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
        {
            return false;
        }

        national = digits.ToString();
        return IsPlausible(national);
    }

    private static int SkipInternationalTrunk(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (Follows(text, i, "(0)"))
        {
            i += 3;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
        }

        return i;
    }

    private static bool Follows(string text, int i, string token) =>
        string.CompareOrdinal(text, i, token, 0, token.Length) == 0;

    /// <summary>UK national significant numbers: 10 digits, or 9 for some 01 areas and 0800 numbers.</summary>
    private static bool IsPlausible(string national) => national.Length switch
    {
        10 => national[0] is '1' or '2' or '3' or '5' or '7' or '8' or '9',
        9 => national[0] == '1' || national.StartsWith("800", StringComparison.Ordinal),
        _ => false,
    };
}
