using System.Diagnostics;
using System.Globalization;

namespace AutomationFleet.Matching.Benchmarks;

/// <summary>What the machine was doing while a number was taken, and the process's peak memory.</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a"; printed with every number, since the cores are shared.</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }

    /// <summary>
    /// Resets the kernel's peak resident set (VmHWM) to the current one, so <see cref="PeakWorkingSetBytes"/> then tells
    /// the peak of what follows, not of the data generation before it. False where the kernel does not offer it.
    /// </summary>
    public static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's peak working set since start or the last <see cref="ResetPeakWorkingSet"/>.</summary>
    public static long PeakWorkingSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>CPU seconds the process has used so far, on all cores.</summary>
    public static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The <paramref name="p"/>-th percentile (0-100) of <paramref name="sorted"/>, nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Bytes as MB, for the report.</summary>
    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
}
