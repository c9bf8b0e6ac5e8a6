namespace AutomationFleet.PublicSite.Tests;

/// <summary>A file of the repository (found by walking up to the solution file), so tests read the shipped config.</summary>
internal static class RepositoryFile
{
    public static string Path(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "AutomationFleet.sln")))
        {
            directory = directory.Parent;
        }

        return System.IO.Path.Combine([directory?.FullName ?? throw new InvalidOperationException("no AutomationFleet.sln above the tests"), .. parts]);
    }
}
