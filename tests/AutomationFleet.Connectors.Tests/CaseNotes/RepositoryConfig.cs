namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>The repository's <c>config</c> folder, found above the test output, so tests use the shipped settings.</summary>
public static class RepositoryConfig
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "config", "case-management.json")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new FileNotFoundException("config/case-management.json not found above the test output.");
        }

        return Path.Combine(directory, "config");
    }
}
