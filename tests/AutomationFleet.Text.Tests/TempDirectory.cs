namespace AutomationFleet.Text.Tests;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("af-text-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
