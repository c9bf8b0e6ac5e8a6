namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>How far one benchmark phase has got; written by the benchmark's tasks, read by the progress display.</summary>
public sealed class BenchPhaseProgress(string name, long total)
{
    private long _done;

    public string Name { get; } = name;

    public long Total { get; } = total;

    public long Done => Interlocked.Read(ref _done);

    public void Advance() => Interlocked.Increment(ref _done);
}
