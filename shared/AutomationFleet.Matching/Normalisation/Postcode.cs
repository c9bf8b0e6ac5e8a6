using System.Text;
using System.Text.RegularExpressions;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// A postcode in compared form. A UK postcode is upper case with one space (PO82 7ER), and has an outward code
/// (district, PO82) and a sector (PO82 7); anything else (a foreign postcode) keeps its letters and digits only and
/// has neither.
/// </summary>
public sealed partial record Postcode(string Full, string District, string Sector)
{
    /// <summary>No postcode.</summary>
    public static Postcode None { get; } = new("", "", "");

    /// <summary>Normalises spacing and case, and splits a UK postcode into district and sector.</summary>
    public static Postcode Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact.Append(char.ToUpperInvariant(c));
            }
        }

        var value = compact.ToString();
        if (value.Length == 0)
        {
            return None;
        }

        var match = UkPostcode().Match(value);
        if (!match.Success)
        {
            return new Postcode(value, "", "");
        }

        var outward = match.Groups["outward"].Value;
        var inward = match.Groups["inward"].Value;
        return new Postcode(outward + " " + inward, outward, outward + " " + inward[0]);
    }

    // Outward: area letters, district digit(s), optional letter; inward: digit and two letters. ONS test data
    // also has outward-only values (DE03US); those are kept whole, with no sector.
    [GeneratedRegex("^(?<outward>[A-Z]{1,2}[0-9][0-9A-Z]?)(?<inward>[0-9][A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();
}
