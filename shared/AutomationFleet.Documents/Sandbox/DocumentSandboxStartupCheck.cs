using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// At host start: probes what boundary this machine allows the document sandbox, logs each weakness once as a
/// warning, stops start-up with every reason when the sandbox cannot run as configured (no network namespace and
/// <see cref="DocumentSandboxOptions.AllowWithoutNetworkIsolation"/> false, a <see cref="DocumentSandboxOptions.User"/>
/// that cannot be used), and starts one child that loads the OCR language, so a missing language or an unreadable
/// sandbox stops start-up instead of failing every scan.
/// </summary>
internal sealed partial class DocumentSandboxStartupCheck(DocumentReaderProcess reader, DocumentSandboxOptions options, ILogger<DocumentSandboxStartupCheck> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var isolation = reader.Isolation;
        foreach (var warning in isolation.Warnings)
        {
            LogWeakness(logger, warning);
        }

        if (isolation.Errors.Count > 0)
        {
            throw new InvalidOperationException("The document sandbox cannot run as configured: " + string.Join("; ", isolation.Errors) + ".");
        }

        await reader.CheckAsync(cancellationToken);
        LogReady(
            logger,
            isolation.NetworkIsolated ? "own network namespace" : "NO network isolation",
            isolation.RunAsUser ?? "the worker's own user",
            options.AddressSpaceLimitBytes / (1024 * 1024),
            options.CpuTimeLimit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture),
            options.MaxOutputBytes / (1024 * 1024));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document sandbox is weaker than it should be: {Weakness}")]
    private static partial void LogWeakness(ILogger logger, string weakness);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document sandbox ready: {Network}, runs as {User}, address space {AddressSpaceMb} MB, CPU {CpuSeconds} s, output {OutputMb} MB, empty environment")]
    private static partial void LogReady(ILogger logger, string network, string user, long addressSpaceMb, string cpuSeconds, long outputMb);
}
