namespace AutomationFleet.Queue.Benchmarks;

/// <summary>How many times each item's no-op ran in one run; item numbers are 0..items-1.</summary>
public sealed class ExecutionLedger(int items)
{
    private readonly int[] _runs = new int[items];
    private int _done;

    /// <summary>Executions recorded so far, duplicates included.</summary>
    public int Done => Volatile.Read(ref _done);

    public void Record(int item)
    {
        Interlocked.Increment(ref _runs[item]);
        Interlocked.Increment(ref _done);
    }

    /// <summary>Each item number once per execution recorded (for a worker process's report to its parent).</summary>
    public IEnumerable<int> Ran()
    {
        for (var item = 0; item < _runs.Length; item++)
        {
            for (var run = 0; run < Volatile.Read(ref _runs[item]); run++)
            {
                yield return item;
            }
        }
    }

    /// <summary>Items whose no-op never ran, and items whose no-op ran more than once.</summary>
    public (int Lost, int Duplicated) Check() => (_runs.Count(r => r == 0), _runs.Count(r => r > 1));
}
