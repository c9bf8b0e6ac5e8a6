using System.Diagnostics;
using System.Globalization;

namespace AutomationFleet.Documents.Tests.Sandbox;

/// <summary>The sandbox children of this test process, seen from outside through /proc, as an operator would.</summary>
internal static class SandboxChildren
{
    /// <summary>Pids of this process's children whose command line runs the sandbox.</summary>
    public static List<int> Running()
    {
        var me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                var parent = Status(pid, "PPid");
                if (cmdline.Contains("AutomationFleet.Documents.Sandbox", StringComparison.Ordinal) && parent == me)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return children;
    }

    /// <summary>
    /// Waits for a child that has become the sandbox proper — exec'd past unshare and setpriv into dotnet, and set its
    /// own limits (its RLIMIT_AS is <paramref name="addressSpaceBytes"/>) — while <paramref name="reading"/> runs.
    /// </summary>
    public static async Task<int> WaitForRunningAsync(Task reading, long addressSpaceBytes)
    {
        var limit = addressSpaceBytes.ToString(CultureInfo.InvariantCulture);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(reading.IsCompleted, "the read finished before its sandbox child could be inspected");
            foreach (var pid in Running())
            {
                try
                {
                    var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
                    if (comm == "dotnet" && Limits(pid).TryGetValue("Max address space", out var addressSpace) && addressSpace.Soft == limit)
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no sandbox child appeared within 60 s");
    }

    /// <summary>/proc/PID/limits: each limit's name to its soft and hard values as the kernel prints them.</summary>
    public static Dictionary<string, (string Soft, string Hard)> Limits(int pid) =>
        File.ReadAllLines($"/proc/{pid}/limits")
            .Skip(1)
            .Select(line => System.Text.RegularExpressions.Regex.Split(line.Trim(), @"\s{2,}"))
            .Where(columns => columns.Length >= 3)
            .ToDictionary(columns => columns[0], columns => (columns[1], columns[2]), StringComparer.Ordinal);

    /// <summary>A field of /proc/PID/status (e.g. "Uid", "PPid"), tabs and all.</summary>
    public static string? Status(int pid, string field) =>
        File.ReadAllLines($"/proc/{pid}/status")
            .FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))?
            .Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault()?.Trim();

    /// <summary>The child's environment as the kernel holds it (/proc/PID/environ), names to values.</summary>
    public static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : string.Empty, StringComparer.Ordinal);
}
