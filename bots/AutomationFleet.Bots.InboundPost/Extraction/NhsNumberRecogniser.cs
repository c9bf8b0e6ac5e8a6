using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>
/// Finds NHS numbers: ten digits, optionally grouped 3-3-4 by spaces or hyphens, whose modulus-11 check digit is
/// right. A random ten-digit number passes the check about one time in eleven, so a number without an "NHS" cue
/// just before it gets a lower confidence.
/// </summary>
internal static partial class NhsNumberRecogniser
{
    private const double WithCue = 0.97;
    private const double WithoutCue = 0.8;
    private const int CueWindow = 30;

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<a>[0-9]{3})(?<sep>[ \-]?)(?<b>[0-9]{3})\k<sep>(?<c>[0-9]{4})(?![0-9A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"(?<![A-Za-z])NHS(?![A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CueRegex();

    public static void Find(string text, List<FieldCandidate> found)
    {
        foreach (Match match in NumberRegex().Matches(text))
        {
            var digits = match.Groups["a"].Value + match.Groups["b"].Value + match.Groups["c"].Value;
            if (!IsValid(digits))
            {
                continue;
            }

            var cueStart = Math.Max(0, match.Index - CueWindow);
            var hasCue = CueRegex().IsMatch(text.AsSpan(cueStart, match.Index - cueStart));
            found.Add(new FieldCandidate(FieldKinds.NhsNumber, digits, match.Index, match.Length, hasCue ? WithCue : WithoutCue));
        }
    }

    /// <summary>True if <paramref name="digits"/> is ten digits, not all alike, with a correct modulus-11 check digit.</summary>
    internal static bool IsValid(string digits)
    {
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit) || digits.All(c => c == digits[0]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == digits[9] - '0';
    }
}
