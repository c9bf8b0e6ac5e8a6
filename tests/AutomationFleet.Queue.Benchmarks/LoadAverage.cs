namespace AutomationFleet.Queue.Benchmarks;

/// <summary>What the machine was doing while a number was taken: its cores are shared.</summary>
public static class LoadAverage
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string Read()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }
}
