namespace AutomationFleet.Bots.InboundPost.Tests.Bot;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file in the shared data folder (<c>shared/data</c> in or beside the repository, or <c>FLEET_DATA</c>).</summary>
    public static string SharedData(params string[] parts)
    {
        foreach (var root in new[] { Environment.GetEnvironmentVariable("FLEET_DATA"), Path.Combine(Root, "shared", "data"), Path.Combine(Root, "..", "shared", "data") })
        {
            if (root is not null && System.IO.File.Exists(Path.Combine([root, .. parts])))
            {
                return Path.GetFullPath(Path.Combine([root, .. parts]));
            }
        }

        throw new FileNotFoundException("not found in shared/data; set FLEET_DATA to the data folder: " + Path.Combine(parts));
    }

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
