namespace AutomationFleet.Matching.Tests;

/// <summary>Files of shared/data: from FLEET_DATA, or a shared/data in or beside the repository.</summary>
internal static class SharedData
{
    public static string File(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var root in new[] { Environment.GetEnvironmentVariable("FLEET_DATA"), Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (root is not null && System.IO.File.Exists(Path.Combine([root, .. parts])))
                {
                    return Path.GetFullPath(Path.Combine([root, .. parts]));
                }
            }
        }

        throw new FileNotFoundException("not in shared/data; set FLEET_DATA to the data folder: " + Path.Combine(parts));
    }
}
