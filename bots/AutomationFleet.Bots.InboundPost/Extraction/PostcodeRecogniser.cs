using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>
/// Finds UK postcodes by the Royal Mail format rules: outward code A9, A99, AA9, AA99, A9A or AA9A, inward code 9AA,
/// with the letters each position may hold, plus GIR 0AA and (optionally) BFPO numbers. Tolerates lower case and a
/// missing space, and reads O as 0 and I as 1 (and back) where the format demands, at a lower confidence.
/// </summary>
internal static partial class PostcodeRecogniser
{
    private const double Canonical = 0.97;
    private const double Untidy = 0.9;
    private const double PerCorrection = 0.75;
    private const int MaxCorrections = 2;

    private const string FirstLetterNot = "QVX";
    private const string SecondLetterNot = "IJZ";
    private const string ThirdLetterIn = "ABCDEFGHJKPSTUW";
    private const string FourthLetterIn = "ABEHMNPRVWXY";
    private const string InwardLetterNot = "CIKMOV";

    private static readonly string[][] OutwardShapes =
    [
        [],
        [],
        ["AD"],
        ["ADD", "AAD", "ADA"],
        ["AADD", "AADA"],
    ];

    // Zero-width so that a failed candidate ("at AB1") does not swallow the start of the next ("AB1 2CD").
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?=(?<out>[A-Za-z0-9]{2,4})(?<gap>[ \t]{0,2})(?<in>[A-Za-z0-9]{3})(?![A-Za-z0-9]))", RegexOptions.CultureInvariant)]
    private static partial Regex CandidateRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])BFPO[ \t]?(?<n>[0-9]{1,4})(?![0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BfpoRegex();

    public static void Find(string text, bool recogniseBfpo, List<FieldCandidate> found)
    {
        foreach (Match match in CandidateRegex().Matches(text))
        {
            var outward = match.Groups["out"];
            var gap = match.Groups["gap"];
            var inward = match.Groups["in"];
            if (TryRead(outward.Value, inward.Value, out var value, out var corrections))
            {
                var tidy = gap.Length == 1 && IsUpper(outward.Value) && IsUpper(inward.Value);
                var confidence = (tidy ? Canonical : Untidy) * Math.Pow(PerCorrection, corrections);
                var length = inward.Index + inward.Length - outward.Index;
                found.Add(new FieldCandidate(FieldKinds.Postcode, value, outward.Index, length, confidence));
            }
        }

        if (recogniseBfpo)
        {
            foreach (Match match in BfpoRegex().Matches(text))
            {
                found.Add(new FieldCandidate(FieldKinds.Postcode, "BFPO " + match.Groups["n"].Value, match.Index, match.Length, Untidy));
            }
        }
    }

    /// <summary>Reads an outward and inward code as a valid postcode, correcting O/0 and I/1 where the format demands.</summary>
    internal static bool TryRead(string outward, string inward, out string value, out int corrections)
    {
        value = "";
        corrections = 0;
        var upperOut = outward.ToUpperInvariant();
        var upperIn = inward.ToUpperInvariant();
        if (!outward.Any(char.IsAsciiDigit) && !inward.Any(char.IsAsciiDigit))
        {
            return false;
        }

        if (upperOut == "GIR" && upperIn == "0AA")
        {
            value = "GIR 0AA";
            return true;
        }

        if (!TryShape(upperIn, "DAA", out var fixedIn, out var inCorrections) || !IsValidInward(fixedIn))
        {
            return false;
        }

        var best = int.MaxValue;
        string? bestOut = null;
        foreach (var shape in OutwardShapes[upperOut.Length])
        {
            if (TryShape(upperOut, shape, out var fixedOut, out var outCorrections)
                && outCorrections < best
                && IsValidOutward(fixedOut, shape))
            {
                best = outCorrections;
                bestOut = fixedOut;
            }
        }

        if (bestOut is null || best + inCorrections > MaxCorrections)
        {
            return false;
        }

        corrections = best + inCorrections;
        value = bestOut + " " + fixedIn;
        return true;
    }

    private static bool TryShape(string code, string shape, out string fixedCode, out int corrections)
    {
        corrections = 0;
        var chars = code.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var wantDigit = shape[i] == 'D';
            var c = chars[i];
            if (wantDigit && !char.IsAsciiDigit(c))
            {
                chars[i] = c switch { 'O' => '0', 'I' => '1', _ => '\0' };
                corrections++;
            }
            else if (!wantDigit && !char.IsAsciiLetterUpper(c))
            {
                chars[i] = c switch { '0' => 'O', '1' => 'I', _ => '\0' };
                corrections++;
            }

            if (chars[i] == '\0')
            {
                fixedCode = "";
                return false;
            }
        }

        fixedCode = new string(chars);
        return true;
    }

    private static bool IsValidOutward(string code, string shape)
    {
        if (FirstLetterNot.Contains(code[0], StringComparison.Ordinal))
        {
            return false;
        }

        if (shape[1] == 'A' && SecondLetterNot.Contains(code[1], StringComparison.Ordinal))
        {
            return false;
        }

        return shape switch
        {
            "ADA" => ThirdLetterIn.Contains(code[2], StringComparison.Ordinal),
            "AADA" => FourthLetterIn.Contains(code[3], StringComparison.Ordinal),
            _ => true,
        };
    }

    private static bool IsValidInward(string code) =>
        !InwardLetterNot.Contains(code[1], StringComparison.Ordinal)
        && !InwardLetterNot.Contains(code[2], StringComparison.Ordinal);

    private static bool IsUpper(string code) => !code.Any(char.IsAsciiLetterLower);
}
