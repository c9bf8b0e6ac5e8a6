using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>Finds council references by configured patterns.</summary>
internal sealed class ReferenceRecogniser
{
    // Patterns come from config and run on untrusted letters: linear-time matching where the pattern allows it,
    // otherwise a time limit so a pathological pattern cannot hang a worker.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);
    private const RegexOptions BaseOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private readonly IReadOnlyList<(ReferencePattern Pattern, Regex Regex)> _patterns;

    public ReferenceRecogniser(IEnumerable<ReferencePattern> patterns)
    {
        var compiled = new List<(ReferencePattern, Regex)>();
        foreach (var pattern in patterns)
        {
            if (!TryCompile(pattern.Pattern, out var regex, out var error))
            {
                throw new ArgumentException($"Reference pattern '{pattern.Name}' is not a valid regular expression: {error}", nameof(patterns));
            }

            compiled.Add((pattern, regex));
        }

        _patterns = compiled;
    }

    public static bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, out string? error)
    {
        error = null;
        try
        {
            regex = new Regex(pattern, BaseOptions | RegexOptions.NonBacktracking, MatchTimeout);
            return true;
        }
        catch (NotSupportedException)
        {
            // Lookarounds and backreferences need the backtracking engine; the time limit guards it.
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = ex.Message;
            return false;
        }

        try
        {
            regex = new Regex(pattern, BaseOptions, MatchTimeout);
            return true;
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = ex.Message;
            return false;
        }
    }

    public void Find(string text, List<FieldCandidate> found)
    {
        foreach (var (pattern, regex) in _patterns)
        {
            foreach (Match match in regex.Matches(text))
            {
                var group = match.Groups["value"];
                var source = group.Success ? (Capture)group : match;
                if (source.Length == 0)
                {
                    continue;
                }

                found.Add(new FieldCandidate(pattern.Name, Normalise(source.Value), source.Index, source.Length, pattern.Confidence));
            }
        }
    }

    private static string Normalise(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }
}
