using System.Text.RegularExpressions;

namespace AutomationFleet.Architecture.Tests;

/// <summary>Reads the project paths a .sln lists.</summary>
public static partial class SolutionFile
{
    public static IReadOnlyList<string> ProjectPaths(string solutionPath) =>
        File.ReadLines(solutionPath)
            .Select(line => ProjectLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["path"].Value.Replace('\\', Path.DirectorySeparatorChar))
            .Where(path => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .ToList();

    [GeneratedRegex("""^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]+)",""")]
    private static partial Regex ProjectLine();
}
