using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>Finds e-mail addresses; the domain is reported in lower case, the local part as written.</summary>
internal static partial class EmailRecogniser
{
    private const double Strength = 0.97;

    [GeneratedRegex(
        @"(?<![A-Za-z0-9._%+\-])(?<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?)@(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    public static void Find(string text, List<FieldCandidate> found)
    {
        foreach (Match match in EmailRegex().Matches(text))
        {
            var local = match.Groups["local"].Value;
            if (local.Contains("..", StringComparison.Ordinal))
            {
                continue;
            }

            var value = local + "@" + match.Groups["domain"].Value.ToLowerInvariant();
            found.Add(new FieldCandidate(FieldKinds.Email, value, match.Index, match.Length, Strength));
        }
    }
}
