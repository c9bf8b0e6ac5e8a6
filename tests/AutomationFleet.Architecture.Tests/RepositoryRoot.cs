namespace AutomationFleet.Architecture.Tests;

/// <summary>Finds the repository root by walking up from the test's base directory to AutomationFleet.sln.</summary>
public static class RepositoryRoot
{
    public const string SolutionFileName = "AutomationFleet.sln";

    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {SolutionFileName} found above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
