using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Hosting;

/// <summary>Who this process is in leases, heartbeats and audit entries.</summary>
public sealed class WorkerIdentity(IOptions<WorkerOptions> options)
{
    public string Id { get; } = options.Value.WorkerId
        ?? $"{Environment.MachineName}-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
}
