using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.Registry;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>
/// The fleet's real named pipelines with the mail connector's fault filter, as the registrations wire them, but with
/// short delays so outage tests finish in seconds. Each call has pipelines (and circuit breakers) of its own.
/// </summary>
public static class TestResilience
{
    public static ResiliencePipelineProvider<string> Create(ILoggerFactory loggerFactory)
    {
        var services = new ServiceCollection().AddSingleton(loggerFactory).AddFleetPipelines();
        foreach (var pipeline in MailFaults.Pipelines)
        {
            services.AddTransientFaultFilter(pipeline, MailFaults.IsTransient);
        }

        services.Configure<FleetPipelineOptions>(options =>
        {
            options.Imap = Fast(TimeSpan.FromSeconds(30));
            options.SmtpConnection = Fast(TimeSpan.FromSeconds(30));
            options.Mail = Fast(TimeSpan.FromSeconds(30));
        });

        // The provider lives as long as the test's pipelines; nothing in it holds unmanaged resources.
        return services.BuildServiceProvider().GetRequiredService<ResiliencePipelineProvider<string>>();
    }

    public static PipelineOptions Fast(TimeSpan attemptTimeout) => new()
    {
        MaxRetryAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        AttemptTimeout = attemptTimeout,
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromSeconds(5),
        BreakDuration = TimeSpan.FromSeconds(1),
    };
}
