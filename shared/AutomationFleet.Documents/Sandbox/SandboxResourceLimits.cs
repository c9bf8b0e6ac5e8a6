using System.Runtime.InteropServices;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The sandbox child's own resource limits (setrlimit), set first thing, before it reads a byte of input: a cap on
/// its address space (so a decompression bomb's allocation fails instead of taking the machine's memory), on its CPU
/// time and no core dumps (a crash must not write gigabytes to disk). Limits are per process, so every thread, native
/// ones included, is bound by them. CPU time counts over the child's life, and a child reads documents one after
/// another: the soft limit (SIGXCPU) is moved before each document to the time used so far plus one document's
/// allowance, under a hard limit (SIGKILL) fixed at the start for the child's whole life.
/// </summary>
internal static partial class SandboxResourceLimits
{
    // Linux generic values (x86-64 and arm64 alike).
    private const int RlimitCpu = 0;
    private const int RlimitCore = 4;
    private const int RlimitAs = 9;

    private static ulong _cpuHardSeconds;

    /// <summary>
    /// Sets RLIMIT_AS, RLIMIT_CPU (soft <paramref name="cpuSeconds"/> for the start, hard
    /// <paramref name="lifetimeCpuSeconds"/>) and RLIMIT_CORE = 0 on this process.
    /// </summary>
    /// <exception cref="InvalidOperationException">A limit could not be set (the child must then read nothing).</exception>
    public static void Apply(long addressSpaceBytes, int cpuSeconds, ulong lifetimeCpuSeconds)
    {
        // Under what the runtime has already reserved, every later allocation would fail, and the child would die
        // without a word: say so instead (a setting too low for this runtime, not a hostile document).
        var reserved = ReservedBytes();
        if (addressSpaceBytes < reserved + MinimumHeadroomBytes)
        {
            throw new InvalidOperationException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Documents:Sandbox:AddressSpaceLimitBytes ({addressSpaceBytes:N0}) is too low: the runtime already holds {reserved:N0} bytes of address space before reading anything; allow at least {reserved + MinimumHeadroomBytes:N0}"));
        }

        Set(RlimitAs, (ulong)addressSpaceBytes, (ulong)addressSpaceBytes, "RLIMIT_AS");
        _cpuHardSeconds = Math.Max(lifetimeCpuSeconds, (ulong)cpuSeconds + 1);
        Set(RlimitCpu, (ulong)cpuSeconds, _cpuHardSeconds, "RLIMIT_CPU");
        Set(RlimitCore, 0, 0, "RLIMIT_CORE");
    }

    /// <summary>
    /// Before a document: SIGXCPU once it has used <paramref name="cpuSeconds"/> more of CPU time than the child has
    /// used so far (never past the lifetime hard limit).
    /// </summary>
    public static void StartDocument(int cpuSeconds)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var used = (ulong)Math.Ceiling(self.TotalProcessorTime.TotalSeconds);
        Set(RlimitCpu, Math.Min(used + (ulong)cpuSeconds, _cpuHardSeconds - 1), _cpuHardSeconds, "RLIMIT_CPU");
    }

    private const long MinimumHeadroomBytes = 256L * 1024 * 1024;

    private static long ReservedBytes()
    {
        // VmSize in /proc/self/status is the address space in use, in kB.
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmSize:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', '\t').Where(part => part.Length > 0).Skip(1).FirstOrDefault();
        return kilobytes is null ? 0 : long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private static void Set(int resource, ulong soft, ulong hard, string name)
    {
        var limit = new RLimit { Current = soft, Maximum = hard };
        if (setrlimit(resource, in limit) != 0)
        {
            throw new InvalidOperationException($"setrlimit({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);
}
