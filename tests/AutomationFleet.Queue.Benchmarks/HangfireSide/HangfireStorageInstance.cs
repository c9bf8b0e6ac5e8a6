using Hangfire;

namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>A fresh Hangfire storage for one run, its description for the report, and how to throw it away afterwards.</summary>
public sealed class HangfireStorageInstance(JobStorage storage, string description, Action dispose) : IDisposable
{
    public JobStorage Storage { get; } = storage;

    public string Description { get; } = description;

    /// <summary>The database's connection string, for worker processes; null for an embedded store.</summary>
    public string? ConnectionString { get; init; }

    public void Dispose() => dispose();
}
