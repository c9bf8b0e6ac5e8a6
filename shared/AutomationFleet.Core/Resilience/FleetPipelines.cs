using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AutomationFleet.Core.Resilience;

/// <summary>
/// The fleet's named resilience pipelines, defined in one place. A delivery step names the pipeline
/// it runs under (<see cref="Delivery.IDeliveryStep.Pipeline"/>); nothing else retries by hand.
/// Settings come from <see cref="FleetPipelineOptions"/>.
/// </summary>
public static class FleetPipelines
{
    /// <summary>A generic receiving system: retry with exponential back-off and jitter, circuit breaker, timeout.</summary>
    public const string Delivery = "delivery";

    /// <summary>Mail servers (SMTP/IMAP): as <see cref="Delivery"/>, with longer waits.</summary>
    public const string Mail = "mail";

    /// <summary>Legacy web systems driven by a browser: few retries, long attempt timeout, circuit breaker.</summary>
    public const string Web = "web";

    /// <summary>Hand-off to another queue in the fleet's own store: quick retries, timeout, no breaker.</summary>
    public const string QueueHandoff = "queue-handoff";

    /// <summary>Every pipeline name.</summary>
    public static IReadOnlyList<string> All { get; } = [Delivery, Mail, Web, QueueHandoff];

    /// <summary>
    /// Registers every named pipeline with Polly's <c>ResiliencePipelineProvider&lt;string&gt;</c>, and the
    /// options validator. Binding <see cref="FleetPipelineOptions"/> to configuration is the host's job.
    /// </summary>
    public static IServiceCollection AddFleetPipelines(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FleetPipelineOptions>();
        services.AddSingleton<IValidateOptions<FleetPipelineOptions>, FleetPipelineOptionsValidator>();
        foreach (var name in All)
        {
            services.AddResiliencePipeline(name, (builder, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<FleetPipelineOptions>>().Value.For(name)!;
                Configure(builder, settings);
            });
        }

        return services;
    }

    /// <summary>Builds one pipeline from its settings: retry, then circuit breaker, then attempt timeout.</summary>
    public static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder, PipelineOptions settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            });
        }

        if (settings.UseCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
        return builder;
    }

    // Cancellation is the caller giving up, and a lost lease means another worker owns the item:
    // neither is a fault worth another attempt.
    private static bool IsTransient(Exception exception) =>
        exception is not OperationCanceledException and not LeaseLostException;
}
