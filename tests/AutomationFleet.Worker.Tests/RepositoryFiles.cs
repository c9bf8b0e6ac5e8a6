namespace AutomationFleet.Worker.Tests;

/// <summary>Files of the repository the tests run from (the folder holding AutomationFleet.sln), e.g. the shipped config and samples.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "AutomationFleet.sln")))
        {
            directory = directory.Parent;
        }

        return System.IO.Path.Combine([directory?.FullName ?? throw new InvalidOperationException("Repository root not found."), .. parts]);
    }
}
