namespace AutomationFleet.Documents.Sandbox;

/// <summary>How <see cref="DocumentReaderProcess"/> starts the PDF-parsing child process.</summary>
public sealed class DocumentSandboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Documents:Sandbox";

    /// <summary>
    /// Path of AutomationFleet.Documents.Sandbox.dll. Default: next to the application
    /// (<see cref="AppContext.BaseDirectory"/>), where a project reference to the sandbox project puts it.
    /// </summary>
    public string? SandboxAssemblyPath { get; set; }

    /// <summary>The dotnet host that runs it. Default: this process's host when it is dotnet, else DOTNET_HOST_PATH, else "dotnet" on PATH.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>The child's managed heap cap (DOTNET_GCHeapHardLimit), in bytes. Default 1 GB.</summary>
    public long MemoryLimitBytes { get; set; } = 1024L * 1024 * 1024;
}
