using Microsoft.Extensions.Options;

namespace AutomationFleet.Core.Resilience;

/// <summary>
/// The one check of every pipeline's settings (<see cref="PipelineOptions"/> carries no attributes), reporting each bad
/// one by its configuration path, all at once.
/// </summary>
public sealed class FleetPipelineOptionsValidator : IValidateOptions<FleetPipelineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FleetPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var pipeline in FleetPipelines.All)
        {
            var settings = options.For(pipeline);
            var path = $"{FleetPipelineOptions.SectionName}:{ConfigName(pipeline)}";
            if (settings is null)
            {
                failures.Add($"{path} is missing.");
                continue;
            }

            Check(failures, settings.MaxRetryAttempts is >= 0 and <= 20, $"{path}:MaxRetryAttempts must be between 0 and 20");
            Check(failures, settings.RetryDelay > TimeSpan.Zero, $"{path}:RetryDelay must be positive");
            Check(failures, settings.MaxRetryDelay >= settings.RetryDelay, $"{path}:MaxRetryDelay must be at least RetryDelay");
            Check(
                failures,
                settings.AttemptTimeout >= TimeSpan.FromMilliseconds(10) && settings.AttemptTimeout <= TimeSpan.FromHours(24),
                $"{path}:AttemptTimeout must be between 10 ms and 24 h");
            if (settings.UseCircuitBreaker)
            {
                Check(failures, settings.FailureRatio is >= 0.01 and <= 1, $"{path}:FailureRatio must be between 0.01 and 1");
                Check(failures, settings.MinimumThroughput is >= 2 and <= 10_000, $"{path}:MinimumThroughput must be between 2 and 10,000");
                Check(failures, settings.SamplingDuration >= TimeSpan.FromMilliseconds(500), $"{path}:SamplingDuration must be at least 500 ms");
                Check(failures, settings.BreakDuration >= TimeSpan.FromMilliseconds(500), $"{path}:BreakDuration must be at least 500 ms");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The property name under the section for a pipeline name.</summary>
    internal static string ConfigName(string pipeline) => pipeline switch
    {
        FleetPipelines.Delivery => nameof(FleetPipelineOptions.Delivery),
        FleetPipelines.Mail => nameof(FleetPipelineOptions.Mail),
        FleetPipelines.Web => nameof(FleetPipelineOptions.Web),
        FleetPipelines.QueueHandoff => nameof(FleetPipelineOptions.QueueHandoff),
        FleetPipelines.Imap => nameof(FleetPipelineOptions.Imap),
        FleetPipelines.SmtpConnection => nameof(FleetPipelineOptions.SmtpConnection),
        FleetPipelines.StoreStartup => nameof(FleetPipelineOptions.StoreStartup),
        _ => pipeline,
    };

    private static void Check(List<string> failures, bool ok, string message)
    {
        if (!ok)
        {
            failures.Add(message + ".");
        }
    }
}
