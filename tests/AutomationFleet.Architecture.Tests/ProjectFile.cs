using System.Xml.Linq;

namespace AutomationFleet.Architecture.Tests;

/// <summary>One .csproj as the rules see it: where it lives, what it references, which packages pin a version.</summary>
public sealed record ProjectFile(
    string RelativePath,
    ProjectLayer Layer,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> VersionedPackages)
{
    public string Name => Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>Every .csproj under shared/, bots/, workers/, tests/ and samples/ of <paramref name="root"/>, skipping bin/obj.</summary>
    public static IReadOnlyList<ProjectFile> LoadAll(string root)
    {
        var projects = new List<ProjectFile>();
        foreach (var layer in Enum.GetValues<ProjectLayer>())
        {
            var folder = Path.Combine(root, FolderOf(layer));
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path);
                var segments = relative.Split(Path.DirectorySeparatorChar);
                if (segments.Contains("bin") || segments.Contains("obj"))
                {
                    continue;
                }

                projects.Add(Load(root, path, layer));
            }
        }

        return projects;
    }

    public static string FolderOf(ProjectLayer layer) => layer.ToString().ToLowerInvariant();

    /// <summary>The layer of a path relative to the root, or null when it is outside the five folders.</summary>
    public static ProjectLayer? LayerOf(string relativePath)
    {
        var first = relativePath.Replace('\\', '/').Split('/')[0];
        foreach (var layer in Enum.GetValues<ProjectLayer>())
        {
            if (string.Equals(first, FolderOf(layer), StringComparison.Ordinal))
            {
                return layer;
            }
        }

        return null;
    }

    private static ProjectFile Load(string root, string path, ProjectLayer layer)
    {
        var document = XDocument.Load(path);
        var directory = Path.GetDirectoryName(path)!;
        var references = document.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetRelativePath(root, Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/')))))
            .ToList();
        var versioned = document.Descendants()
            .Where(e => e.Name.LocalName == "PackageReference")
            .Where(e => e.Attribute("Version") is not null
                || e.Attribute("VersionOverride") is not null
                || e.Elements().Any(child => child.Name.LocalName is "Version" or "VersionOverride"))
            .Select(e => (string?)e.Attribute("Include") ?? (string?)e.Attribute("Update") ?? "(unnamed)")
            .ToList();
        return new ProjectFile(Path.GetRelativePath(root, path), layer, references, versioned);
    }
}
