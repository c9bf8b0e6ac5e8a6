using System.Diagnostics;
using System.Globalization;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// How a sandbox child is started: <c>[unshare --net] [setpriv --reuid … --no-new-privs --] dotnet exec
/// AutomationFleet.Documents.Sandbox.dll ARGS</c>, in an empty working folder, with an environment that holds only the
/// runtime settings below — nothing of the worker's (no FLEET_* secrets, no connection strings, no PATH or HOME).
/// </summary>
internal sealed class SandboxCommand
{
    private readonly IReadOnlyList<string> _prefix;
    private readonly string _dotnetHost;
    private readonly string _assemblyPath;
    private readonly long _heapHardLimit;

    public SandboxCommand(DocumentSandboxOptions options, IReadOnlyList<string> prefix)
    {
        _prefix = prefix;
        _dotnetHost = DotnetHost(options);
        _assemblyPath = options.SandboxAssemblyPath ?? Path.Combine(AppContext.BaseDirectory, "AutomationFleet.Documents.Sandbox.dll");
        _heapHardLimit = options.MemoryLimitBytes;
    }

    /// <summary>The variables the child gets, and why each: the runtime needs nothing else to start.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The managed heap's cap, under the address-space limit (see DocumentSandboxOptions).
            ["DOTNET_GCHeapHardLimit"] = "0x" + _heapHardLimit.ToString("X", CultureInfo.InvariantCulture),
            // The GC reserves its whole region range up front (about 5 x the heap limit by default), all of it counted
            // against RLIMIT_AS: twice the heap limit is room enough.
            ["DOTNET_GCRegionRange"] = "0x" + (2 * _heapHardLimit).ToString("X", CultureInfo.InvariantCulture),
            // One heap, not one per core: the server GC would reserve far more address space than the limit allows.
            ["DOTNET_gcServer"] = "0",
            // glibc reserves 64 MB of address space per malloc arena, up to 8 per core; two keep that bounded.
            ["MALLOC_ARENA_MAX"] = "2",
            // No diagnostics IPC socket: nothing can attach to the child, and it creates no file in /tmp.
            ["DOTNET_EnableDiagnostics"] = "0",
        };

        // One OpenMP thread per engine (Debian's libtesseract uses OpenMP): the pool already runs one child per core, as
        // `OMP_THREAD_LIMIT=1 xargs -P2 tesseract` does. The child sets it too before libtesseract loads; given here it
        // is also visible from outside (/proc/PID/environ). An operator's own setting for the worker wins.
        environment["OMP_THREAD_LIMIT"] = System.Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") is { Length: > 0 } threads ? threads : "1";

        // Where the Tesseract models are, when the operator set it for the worker rather than Ocr:DataPath.
        if (System.Environment.GetEnvironmentVariable("TESSDATA_PREFIX") is { Length: > 0 } tessdata)
        {
            environment["TESSDATA_PREFIX"] = tessdata;
        }

        return environment;
    }

    public ProcessStartInfo CreateStartInfo(SandboxArguments arguments, string workingDirectory)
    {
        var command = _prefix.Concat([_dotnetHost, "exec", _assemblyPath]).Concat(arguments.ToCommandLine()).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in Environment())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static string DotnetHost(DocumentSandboxOptions options)
    {
        if (!string.IsNullOrEmpty(options.DotnetHostPath))
        {
            return options.DotnetHostPath;
        }

        var current = System.Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath)
        {
            return hostPath;
        }

        // An absolute path: the child's environment has no PATH for unshare or setpriv to search.
        return SandboxIsolationProbe.FindTool("dotnet") is { } onPath ? Path.GetFullPath(ResolveLink(onPath)) : "dotnet";
    }

    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
}
