namespace AutomationFleet.Architecture.Tests;

public sealed class ProjectReferenceTests
{
    private readonly string _root = RepositoryRoot.Find();

    [Fact]
    public void ProjectReferences_InRepository_PointOneWay()
    {
        var projects = ProjectFile.LoadAll(_root);

        Assert.NotEmpty(projects);
        var violations = DependencyRules.Violations(projects);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void PackageReferences_InRepository_CarryNoVersion()
    {
        var offenders = ProjectFile.LoadAll(_root)
            .SelectMany(p => p.VersionedPackages.Select(package => $"{p.RelativePath}: {package}"))
            .ToList();

        Assert.True(
            offenders.Count == 0,
            "Versions belong in Directory.Packages.props (central package management):" + Environment.NewLine
                + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void Solution_InRepository_ListsEveryProject()
    {
        var listed = SolutionFile.ProjectPaths(Path.Combine(_root, RepositoryRoot.SolutionFileName)).ToHashSet(StringComparer.Ordinal);
        var onDisk = ProjectFile.LoadAll(_root).Select(p => p.RelativePath).ToList();

        var missing = onDisk.Where(path => !listed.Contains(path)).ToList();
        var dangling = listed.Where(path => !File.Exists(Path.Combine(_root, path))).ToList();

        Assert.True(missing.Count == 0, "Not in AutomationFleet.sln: " + string.Join(", ", missing));
        Assert.True(dangling.Count == 0, "Listed in AutomationFleet.sln but missing on disk: " + string.Join(", ", dangling));
    }
}
