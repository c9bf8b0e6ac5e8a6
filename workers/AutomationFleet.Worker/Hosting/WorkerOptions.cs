namespace AutomationFleet.Worker.Hosting;

/// <summary>This worker process's settings, from the <c>Worker</c> section. Checked by <see cref="WorkerOptionsValidator"/>.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Unique id of this process; default <c>{machine}-{pid}-{random}</c>.</summary>
    public string? WorkerId { get; set; }

    /// <summary>How long a lease lasts unless renewed; renewed every third of it. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the worker reports itself alive. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A worker not heard from for this long is shown as dead. Default 30 s.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long in-flight items may take to finish before their leases are released. Default 20 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Folder of the rolling JSON log files. Default <c>var/logs</c>.</summary>
    public string LogDirectory { get; set; } = Path.Combine("var", "logs");
}
