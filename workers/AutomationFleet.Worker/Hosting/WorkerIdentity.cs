using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Worker.Hosting;

/// <summary>Who this process is in leases, heartbeats, audit entries and log events.</summary>
/// <remarks>
/// Read from configuration rather than validated <see cref="WorkerOptions"/>: the logger needs it while the host
/// is built, and resolving validated options then would report bad worker settings alone, before the full list.
/// </remarks>
public sealed class WorkerIdentity(IConfiguration configuration)
{
    public string Id { get; } = configuration[$"{WorkerOptions.SectionName}:{nameof(WorkerOptions.WorkerId)}"] is { Length: > 0 } id
        ? id
        : $"{Environment.MachineName}-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
}
