using System.Text.Json;

namespace AutomationFleet.Bots.InboundPost.Taxonomy;

/// <summary>The council's categories of post, each with its service and route (<c>config/taxonomy.json</c>).</summary>
public sealed class CouncilTaxonomy
{
    /// <summary>The redirect wording a <c>redirect</c> route uses when it names no <c>destinations</c> file: beside the taxonomy.</summary>
    public const string DefaultRedirectsFile = "not-ours.json";

    private readonly Dictionary<string, TaxonomyCategory> _byId;

    public CouncilTaxonomy(IReadOnlyList<TaxonomyCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Categories = categories;
        _byId = categories.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<TaxonomyCategory> Categories { get; }

    public TaxonomyCategory? Find(string? id) => id is not null && _byId.TryGetValue(id, out var category) ? category : null;

    /// <summary>Loads the file; throws <see cref="InvalidDataException"/> naming every problem.</summary>
    public static CouncilTaxonomy Load(string path)
    {
        var (taxonomy, failures) = Parse(path);
        return failures.Count == 0
            ? taxonomy!
            : throw new InvalidDataException($"The taxonomy '{path}' is not valid: {string.Join(" ", failures)}");
    }

    /// <summary>Every problem with the file, or none.</summary>
    public static IReadOnlyList<string> Check(string path) => Parse(path).Failures;

    private static (CouncilTaxonomy? Taxonomy, List<string> Failures) Parse(string path)
    {
        var failures = new List<string>();
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
            if (!document.RootElement.TryGetProperty("categories", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                failures.Add("there is no 'categories' array.");
                return (null, failures);
            }

            var categories = new List<TaxonomyCategory>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var at = $"categories[{index++}]";
                var id = Text(element, "id");
                if (string.IsNullOrWhiteSpace(id))
                {
                    failures.Add($"{at} has no 'id'.");
                    continue;
                }

                var route = ParseRoute(element, $"{at} ('{id}')", Path.GetDirectoryName(Path.GetFullPath(path))!, failures);
                if (route is null)
                {
                    continue;
                }

                if (categories.Any(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{at}: the id '{id}' is used twice.");
                    continue;
                }

                if (element.TryGetProperty("neverAutomatic", out _))
                {
                    // A second list could disagree with the first, and an override could slip past the one it missed.
                    failures.Add($"{at} ('{id}'): 'neverAutomatic' is no longer read from the taxonomy: list the category in " +
                        "Confidence:Bots:inbound-post:NeverAutomatic (config/bots.json), its one home.");
                    continue;
                }

                categories.Add(new TaxonomyCategory(
                    id,
                    Text(element, "displayName") ?? id,
                    Text(element, "service") ?? id,
                    route,
                    Flag(element, "urgent")));
            }

            if (categories.Count == 0 && failures.Count == 0)
            {
                failures.Add("it has no categories.");
            }

            return (failures.Count == 0 ? new CouncilTaxonomy(categories) : null, failures);
        }
    }

    private static TaxonomyRoute? ParseRoute(JsonElement element, string at, string taxonomyFolder, List<string> failures)
    {
        if (!element.TryGetProperty("route", out var route) || route.ValueKind != JsonValueKind.Object)
        {
            failures.Add($"{at} has no 'route'.");
            return null;
        }

        var type = Text(route, "type");
        (RouteKind Kind, string Field)? kind = type?.ToUpperInvariant() switch
        {
            "QUEUE" => (RouteKind.Queue, "queue"),
            "EMAIL" => (RouteKind.Email, "address"),
            "FOLDER" => (RouteKind.Folder, "folder"),
            "REDIRECT" => (RouteKind.Redirect, "folder"),
            _ => null,
        };
        if (kind is null)
        {
            failures.Add($"{at}: route.type '{type}' is not one of queue, email, folder, redirect.");
            return null;
        }

        var target = Text(route, kind.Value.Field);
        if (string.IsNullOrWhiteSpace(target))
        {
            failures.Add($"{at}: route.{kind.Value.Field} is missing for a {type} route.");
            return null;
        }

        if ((kind.Value.Kind is RouteKind.Folder or RouteKind.Redirect) && (Path.IsPathRooted(target) || target.Split('/', '\\').Any(p => p is ".." or "")))
        {
            failures.Add($"{at}: route.folder '{target}' must be a relative path inside the drop folder.");
            return null;
        }

        if (kind.Value.Kind != RouteKind.Redirect)
        {
            return new TaxonomyRoute(kind.Value.Kind, target);
        }

        // The wording lives in its own file, beside the taxonomy unless the route names another, so a council can
        // reword its redirects without touching the categories.
        var file = Text(route, "destinations") ?? DefaultRedirectsFile;
        var redirectsPath = Path.Combine(taxonomyFolder, file);
        var problems = RedirectDestinations.Check(redirectsPath);
        if (problems.Count > 0)
        {
            failures.AddRange(problems.Select(p => $"{at}: route.destinations '{file}': {p}"));
            return null;
        }

        return new TaxonomyRoute(kind.Value.Kind, target, RedirectDestinations.Load(redirectsPath));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
