using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>
    /// One poll of an IMAP mailbox: retry with jitter, circuit breaker, a generous timeout for the whole poll.
    /// Every step of a poll is safe to repeat. The mail connector supplies what counts as transient.
    /// </summary>
    public const string Imap = "imap";

    /// <summary>
    /// Connecting and logging in to an SMTP server — never the send itself, which must not be repeated blindly.
    /// The mail connector supplies what counts as transient.
    /// </summary>
    public const string SmtpConnection = "smtp-connection";

    /// <summary>
    /// Reaching the fleet's database as a host starts (a database server restarting, or not up yet): many patient
    /// retries, so a worker waits for the database instead of exiting and being restarted into the same failure.
    /// The store supplies what counts as transient.
    /// </summary>
    public const string StoreStartup = "store-startup";

    /// <summary>Every pipeline name.</summary>
    public static IReadOnlyList<string> All { get; } = [Delivery, Mail, Web, QueueHandoff, Imap, SmtpConnection, StoreStartup];

    /// <summary>
    /// Registers every named pipeline with Polly's <c>ResiliencePipelineProvider&lt;string&gt;</c>, and the
    /// options validator; calling it again does nothing. Binding <see cref="FleetPipelineOptions"/> to configuration
    /// is the host's job. A pipeline with <see cref="TransientFaultFilter"/>s registered retries only what they call
    /// transient (they are read when the pipeline is first used, so they may be registered before or after this).
    /// </summary>
    public static IServiceCollection AddFleetPipelines(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<FleetPipelineOptions>)
                              && d.ImplementationType == typeof(FleetPipelineOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<FleetPipelineOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetPipelineOptions>, FleetPipelineOptionsValidator>());
        foreach (var name in All)
        {
            services.AddResiliencePipeline(name, (builder, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<FleetPipelineOptions>>().Value.For(name)!;
                var filters = context.ServiceProvider.GetServices<TransientFaultFilter>()
                    .Where(filter => filter.Pipeline == name)
                    .Select(filter => filter.IsTransient)
                    .ToList();
                Configure(builder, settings, filters.Count == 0 ? null : exception => filters.Exists(isTransient => isTransient(exception)));
            });
        }

        return services;
    }

    /// <summary>
    /// Says what counts as a transient fault for the pipeline <paramref name="pipeline"/> (see <see cref="TransientFaultFilter"/>).
    /// Several filters for one pipeline: an exception any of them calls transient is retried. Adding the same
    /// filter twice does nothing.
    /// </summary>
    public static IServiceCollection AddTransientFaultFilter(
        this IServiceCollection services, string pipeline, Func<Exception, bool> isTransient)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(isTransient);
        if (!All.Contains(pipeline))
        {
            throw new ArgumentOutOfRangeException(nameof(pipeline), pipeline, $"Not a fleet pipeline; use one of {string.Join(", ", All)}.");
        }

        var filter = new TransientFaultFilter(pipeline, isTransient);
        if (!services.Any(d => d.ServiceType == typeof(TransientFaultFilter) && Equals(d.ImplementationInstance, filter)))
        {
            services.AddSingleton(filter);
        }

        return services;
    }

    /// <summary>Builds one pipeline from its settings: retry, then circuit breaker, then attempt timeout.</summary>
    public static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder, PipelineOptions settings) =>
        Configure(builder, settings, isTransient: null);

    /// <summary>
    /// Builds one pipeline from its settings: retry, then circuit breaker, then attempt timeout. The retry and the
    /// breaker handle an exception when <paramref name="isTransient"/> says so (null: any exception), and always the
    /// attempt's own timeout; never cancellation by the caller or a lost lease.
    /// </summary>
    public static ResiliencePipelineBuilder Configure(
        ResiliencePipelineBuilder builder, PipelineOptions settings, Func<Exception, bool>? isTransient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var handle = new PredicateBuilder().Handle<Exception>(exception =>
            exception is TimeoutRejectedException || (IsTransient(exception) && (isTransient is null || isTransient(exception))));
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = handle,
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
                ShouldHandle = handle,
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
        return builder;
    }

    // Cancellation is the caller giving up, a lost lease means another worker owns the item, and a permanent refusal
    // gets the same answer every time: none is a fault worth another attempt (nor counts against the circuit).
    private static bool IsTransient(Exception exception) =>
        exception is not OperationCanceledException and not LeaseLostException and not PermanentDeliveryException;
}
