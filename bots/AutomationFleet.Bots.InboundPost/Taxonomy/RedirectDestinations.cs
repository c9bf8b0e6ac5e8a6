using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>
/// Where post that is another organisation's should go, and what the sender is told (the file a <c>redirect</c> route
/// names, <c>config/not-ours.json</c>). <see cref="Choose"/> picks the destination from the text: the one whose phrases
/// match most, ties to the one listed first, none to <see cref="Fallback"/>.
/// </summary>
public sealed partial class RedirectDestinations
{
    private static readonly string[] Placeholders = ["Reference", "Name", "Web", "Phone"];

    private readonly Dictionary<string, RedirectDestination> _byId;
    private readonly List<(RedirectDestination Destination, List<(string Phrase, Regex Pattern)> Phrases)> _rules;

    public RedirectDestinations(string subject, string opening, string closing, string fallback, IReadOnlyList<RedirectDestination> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        Subject = subject;
        Opening = opening;
        Closing = closing;
        Destinations = destinations;
        _byId = destinations.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);
        Fallback = _byId.TryGetValue(fallback, out var general)
            ? general
            : throw new ArgumentException($"The fallback '{fallback}' is not one of the destinations.", nameof(fallback));
        _rules = destinations
            .Select(d => (d, d.Phrases.Select(p => (p, PhrasePattern(p))).ToList()))
            .ToList();
    }

    public string Subject { get; }

    public string Opening { get; }

    public string Closing { get; }

    public RedirectDestination Fallback { get; }

    public IReadOnlyList<RedirectDestination> Destinations { get; }

    public RedirectDestination? Find(string? id) => id is not null && _byId.TryGetValue(id, out var destination) ? destination : null;

    /// <summary>
    /// The destination for a text. Counting distinct phrases rather than taking the first that matches lets a letter about a
    /// GP that mentions "council tax" once in passing still go to the NHS; a tie keeps the file's order, so the choice is
    /// the same on every run.
    /// </summary>
    public RedirectChoice Choose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        RedirectChoice? best = null;
        foreach (var (destination, phrases) in _rules)
        {
            var matched = phrases.Where(p => p.Pattern.IsMatch(text)).Select(p => p.Phrase).ToList();
            if (matched.Count > 0 && (best is null || matched.Count > best.Matched.Count))
            {
                best = new RedirectChoice(destination, matched);
            }
        }

        return best ?? new RedirectChoice(Fallback, []);
    }

    /// <summary>The subject for a destination and citizen reference.</summary>
    public string SubjectFor(RedirectDestination destination, string reference) => Fill(Subject, destination, reference);

    /// <summary>The destination's own wording (where to go instead), for the public status page.</summary>
    public static string WordingFor(RedirectDestination destination, string reference)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return Fill(destination.Wording, destination, reference);
    }

    /// <summary>The text the sender is sent (by mail, or in a letter): opening, the destination's wording, closing.</summary>
    public string TextFor(RedirectDestination destination, string reference) =>
        string.Join("\n\n", new[] { Opening, destination.Wording, Closing }.Where(p => p.Length > 0).Select(p => Fill(p, destination, reference)))
        + "\n";

    /// <summary>Loads the file; throws <see cref="InvalidDataException"/> naming every problem by its place in the file.</summary>
    public static RedirectDestinations Load(string path)
    {
        var (destinations, failures) = Parse(path);
        return failures.Count == 0
            ? destinations!
            : throw new InvalidDataException($"The redirect destinations '{path}' are not valid: {string.Join(" ", failures)}");
    }

    /// <summary>Every problem with the file (each naming its place in the file, e.g. <c>destinations[1] ('nhs')</c>), or none.</summary>
    public static IReadOnlyList<string> Check(string path) => Parse(path).Failures;

    private static string Fill(string template, RedirectDestination destination, string reference) =>
        template
            .Replace("{Reference}", reference, StringComparison.Ordinal)
            .Replace("{Name}", destination.Name, StringComparison.Ordinal)
            .Replace("{Web}", destination.Web, StringComparison.Ordinal)
            .Replace("{Phone}", destination.Phone, StringComparison.Ordinal);

    // Whole words in any case; a space in a phrase also matches a hyphen or a line break, as in "fly-tipping" or OCR'd text.
    private static Regex PhrasePattern(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Regex.Escape);
        return new Regex(
            @"(?<![\p{L}\p{N}])" + string.Join(@"[\s\-]+", words) + @"(?![\p{L}\p{N}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    private static (RedirectDestinations? Destinations, List<string> Failures) Parse(string path)
    {
        var failures = new List<string>();
        if (!File.Exists(path))
        {
            failures.Add("the file does not exist.");
            return (null, failures);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            failures.Add($"not valid JSON ({exception.Message}).");
            return (null, failures);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                failures.Add("it is not a JSON object.");
                return (null, failures);
            }

            var subject = Required(root, "subject", "", failures);
            var opening = Text(root, "opening") ?? "";
            var closing = Text(root, "closing") ?? "";
            CheckPlaceholders(subject, "subject", failures);
            CheckPlaceholders(opening, "opening", failures);
            CheckPlaceholders(closing, "closing", failures);
            var fallback = Required(root, "fallback", "", failures);

            if (!root.TryGetProperty("destinations", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                failures.Add("there is no 'destinations' array.");
                return (null, failures);
            }

            var destinations = new List<RedirectDestination>();
            var ids = new List<string>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var at = $"destinations[{index++}]";
                var id = Text(element, "id");
                if (string.IsNullOrWhiteSpace(id))
                {
                    failures.Add($"{at} has no 'id'.");
                    continue;
                }

                ids.Add(id);
                at = $"{at} ('{id}')";
                var before = failures.Count;
                var name = Required(element, "name", at, failures);
                var wording = Required(element, "wording", at, failures);
                CheckPlaceholders(wording, at + ".wording", failures);
                var phrases = new List<string>();
                if (element.TryGetProperty("phrases", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    var p = 0;
                    foreach (var phrase in list.EnumerateArray())
                    {
                        if (phrase.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(phrase.GetString()))
                        {
                            failures.Add($"{at}.phrases[{p}] is empty.");
                        }
                        else
                        {
                            phrases.Add(phrase.GetString()!.Trim());
                        }

                        p++;
                    }
                }

                if (phrases.Count == 0 && !string.Equals(id, fallback, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{at} has no 'phrases', so it could never be chosen; give it some, or make it the 'fallback'.");
                }

                if (destinations.Any(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{at}: the id '{id}' is used twice.");
                    continue;
                }

                if (failures.Count == before)
                {
                    destinations.Add(new RedirectDestination(id, name, Text(element, "web") ?? "", Text(element, "phone") ?? "", phrases, wording));
                }
            }

            if (fallback.Length > 0 && !ids.Contains(fallback, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"fallback '{fallback}' is not the id of a destination.");
            }

            return (failures.Count == 0 ? new RedirectDestinations(subject, opening, closing, fallback, destinations) : null, failures);
        }
    }

    private static string Required(JsonElement element, string name, string at, List<string> failures)
    {
        var value = Text(element, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add(at.Length == 0 ? $"'{name}' is missing." : $"{at}: '{name}' is missing.");
            return "";
        }

        return value;
    }

    private static void CheckPlaceholders(string template, string at, List<string> failures)
    {
        foreach (Match match in PlaceholderPattern().Matches(template))
        {
            if (!Placeholders.Contains(match.Groups[1].Value, StringComparer.Ordinal))
            {
                failures.Add($"{at}: the placeholder '{match.Value}' is not one of {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}

/// <summary>One organisation post can be redirected to, and the wording that sends the sender there.</summary>
public sealed record RedirectDestination(string Id, string Name, string Web, string Phone, IReadOnlyList<string> Phrases, string Wording);

/// <summary>The destination chosen for a text, with the phrases that chose it (none: the fallback).</summary>
public sealed record RedirectChoice(RedirectDestination Destination, IReadOnlyList<string> Matched);
