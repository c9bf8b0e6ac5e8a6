namespace AutomationFleet.Documents.Sandbox;

/// <summary>How <see cref="DocumentReaderProcess"/> starts and bounds the sandbox child that reads untrusted documents.</summary>
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

    /// <summary>The child's managed heap cap (DOTNET_GCHeapHardLimit), in bytes. Default 512 MB.</summary>
    public long MemoryLimitBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The child's address-space limit (RLIMIT_AS), in bytes, set by the child on itself before it reads its input: it
    /// bounds native decoding (Leptonica, libtiff, libpng, Tesseract) as well as the managed heap. Address space is not
    /// memory: the .NET runtime reserves much more than it uses, and every reservation counts. Measured on .NET 10
    /// (Debian 12, x86-64): about 2 GB reserved for code, the GC's region range (set to twice
    /// <see cref="MemoryLimitBytes"/>), 64 MB per malloc arena (two), libraries and stacks — 3.0 GB with a 256 MB heap,
    /// 3.5 GB with 512 MB, before reading anything. So it must be at least 2 x <see cref="MemoryLimitBytes"/> +
    /// <see cref="RuntimeAddressSpaceBytes"/>. Default 5 GB: with the default heap, about 1.5 GB for decoding and OCR,
    /// enough for a page at the default pixel limit.
    /// </summary>
    public long AddressSpaceLimitBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// The CPU time (RLIMIT_CPU), whole seconds across all its threads, a child may use for one document (and for its
    /// start). Default 10 minutes.
    /// </summary>
    public TimeSpan CpuTimeLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The most documents one child reads before it is ended and a new one started (its engines load once per child).
    /// A file that took over a child could see the documents that child reads after it, so this bounds how many; 1
    /// gives every document a child of its own (each then pays the child's start and the language model's load, about
    /// 0.3 s of CPU). A child is also ended after any document that was rejected or that it did not answer. Default 50.
    /// </summary>
    public int DocumentsPerChild { get; set; } = 50;

    /// <summary>
    /// The most bytes of JSON the child may answer with (the pages' text, words and page images); over it the child is
    /// killed and the document rejected. Default 128 MB (200 OCR'd pages with their page images fit).
    /// </summary>
    public long MaxOutputBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// The user the child runs as when the worker is root (with setpriv). Default: <c>nobody</c> when the worker is root;
    /// must be unset when it is not (a process that is not root cannot switch users).
    /// </summary>
    public string? User { get; set; }

    /// <summary>
    /// Read documents even where the machine cannot give the child a network namespace of its own (a warning is logged
    /// at start-up). Default false: start-up stops with the reason instead.
    /// </summary>
    public bool AllowWithoutNetworkIsolation { get; set; }

    /// <summary>
    /// Address space the runtime needs besides the GC's region range, with room to read a small page (measured on
    /// .NET 10, Debian 12, x86-64: about 2.5 GB reserved at start, of which 2 GB for code).
    /// </summary>
    public const long RuntimeAddressSpaceBytes = 2816L * 1024 * 1024;
}
