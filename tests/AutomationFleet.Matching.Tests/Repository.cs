namespace AutomationFleet.Matching.Tests;

/// <summary>Paths in the repository the tests run from (the sample extract, the shipped configuration).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "AutomationFleet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AutomationFleet.sln not found above " + AppContext.BaseDirectory);
    }
}
