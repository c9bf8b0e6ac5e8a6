namespace AutomationFleet.Architecture.Tests;

/// <summary>
/// The one-way dependency rule of DESIGN.md: bots → shared, workers → bots + shared, tests → anything.
/// Nothing but tests depends on workers, nothing but tests depends on tests, and a bot never references another bot.
/// A sample (samples/) stands in for a foreign system: it references nothing of ours and only tests reference it.
/// Exceptions, by name: the review portal and the public site are libraries under workers/ that the fleet process hosts
/// in-process (DESIGN.md: "the portal runs inside the fleet process"), so the Worker — and only the Worker — may
/// reference them. The shared web library (<see cref="WebLibrary"/>: what the portal and the public site share, on
/// ASP.NET Core) is for workers only, so a bot or another shared library never takes ASP.NET Core in through it.
/// </summary>
public static class DependencyRules
{
    /// <summary>Worker libraries a host may reference: (library, the one project allowed to host it).</summary>
    public static readonly IReadOnlyList<(string Library, string Host)> HostedLibraries =
    [
        ("workers/AutomationFleet.Portal/AutomationFleet.Portal.csproj", "workers/AutomationFleet.Worker/AutomationFleet.Worker.csproj"),
        ("workers/AutomationFleet.PublicSite/AutomationFleet.PublicSite.csproj", "workers/AutomationFleet.Worker/AutomationFleet.Worker.csproj"),
    ];

    /// <summary>The shared library on ASP.NET Core that only workers (the web apps) and tests may reference.</summary>
    public const string WebLibrary = "shared/AutomationFleet.Web/AutomationFleet.Web.csproj";

    /// <summary>Every reference that points the wrong way, as a sentence naming both projects.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<ProjectFile> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var violations = new List<string>();
        foreach (var project in projects)
        {
            foreach (var reference in project.ProjectReferences)
            {
                var target = ProjectFile.LayerOf(reference);
                var why = target is null
                    ? "it is outside shared/, bots/, workers/, tests/ and samples/"
                    : WhyForbidden(project, reference, target.Value);
                if (why is not null)
                {
                    violations.Add($"{project.RelativePath} references {reference}: {why}.");
                }
            }
        }

        return violations;
    }

    private static string? WhyForbidden(ProjectFile project, string reference, ProjectLayer target) =>
        (project.Layer, target) switch
        {
            (ProjectLayer.Tests, _) => null,
            (ProjectLayer.Samples, _) => "a sample stands in for a foreign system and depends on nothing of ours",
            (_, ProjectLayer.Samples) => "only tests may reference a sample",
            (_, ProjectLayer.Tests) => "only tests may reference tests",
            (ProjectLayer.Workers, ProjectLayer.Workers) when IsHostedLibrary(project, reference) => null,
            (_, ProjectLayer.Workers) => "nothing but tests may depend on workers",
            (ProjectLayer.Shared, ProjectLayer.Bots) => "shared libraries must not depend on bots",
            (ProjectLayer.Bots, ProjectLayer.Bots) when !SameProject(project, reference) => "a bot never references another bot",
            (ProjectLayer.Bots or ProjectLayer.Shared, ProjectLayer.Shared) when string.Equals(Normalise(reference), WebLibrary, StringComparison.Ordinal)
                => "only the web apps (workers) reference the shared web library; bots and shared libraries stay free of ASP.NET Core",
            _ => null,
        };

    private static bool IsHostedLibrary(ProjectFile project, string reference) =>
        HostedLibraries.Any(h =>
            string.Equals(Normalise(reference), h.Library, StringComparison.Ordinal)
            && string.Equals(Normalise(project.RelativePath), h.Host, StringComparison.Ordinal));

    private static string Normalise(string path) => path.Replace('\\', '/');

    private static bool SameProject(ProjectFile project, string reference) =>
        string.Equals(project.RelativePath, reference, StringComparison.Ordinal);
}
