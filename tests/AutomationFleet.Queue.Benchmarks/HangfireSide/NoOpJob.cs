namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>
/// The job Hangfire runs: it only records that item <c>n</c> ran, in the ledger of the run in progress (runs are one
/// after another, so one static ledger is enough, and a static method needs no job activator).
/// </summary>
public static class NoOpJob
{
    private static ExecutionLedger? _current;

    public static ExecutionLedger? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public static void Run(int n) => Current?.Record(n);
}
