namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// Suggests a kind from free text when a report has none, by the kinds' keywords as whole words (a plural "s" ignored).
/// The longest keyword found wins, so "fallen tree" beats "fall"; ties go to the kind listed first.
/// </summary>
public sealed class KindSuggester(AllocationConfig config)
{
    private readonly (IncidentKind Kind, string Keyword, string Words)[] _keywords = [.. config.Kinds
        .SelectMany(k => k.Keywords.Select(w => (k, w, $" {Words(w)} ")))
        .OrderByDescending(x => x.Item3.Length)];

    public KindSuggestion? Suggest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = $" {Words(text)} ";
        foreach (var (kind, keyword, keywordWords) in _keywords)
        {
            if (words.Contains(keywordWords, StringComparison.Ordinal))
            {
                return new KindSuggestion(kind, keyword);
            }
        }

        return null;
    }

    private static string Words(string text) => string.Join(' ', Places.StreetName.Words(text)
        .Select(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w));
}
