using System.Net.Sockets;
using MailKit;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// The one place mail connections get their resilience: retry with exponential back-off and jitter,
/// inside it a circuit breaker. IMAP and SMTP each get their own pipeline (and so their own breaker).
/// </summary>
/// <remarks>
/// Stop-gap: the fleet's named pipelines (<c>FleetPipelines</c>, pipeline "mail") are defined in another
/// branch. When they land, this class should hand out those pipelines instead of building its own;
/// nothing else in the connector builds or configures a pipeline.
/// </remarks>
public sealed class MailResilience
{
    /// <summary>Builds both pipelines from the options.</summary>
    public MailResilience(IOptions<MailResilienceOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<MailResilience>();
        Imap = Create("imap", options.Value, timeProvider, logger);
        SmtpConnection = Create("smtp", options.Value, timeProvider, logger);
    }

    /// <summary>Guards one whole IMAP poll (connect, read, enqueue, move): every step of it is safe to repeat.</summary>
    public ResiliencePipeline Imap { get; }

    /// <summary>
    /// Guards connecting and authenticating to the SMTP server only. The send itself is not retried here:
    /// a send that failed after the server took the message must not be repeated blindly.
    /// </summary>
    public ResiliencePipeline SmtpConnection { get; }

    /// <summary>Whether a failure is worth retrying: the server or network, not our own bug.</summary>
    public static bool IsTransient(Exception exception) => exception is
        IOException or SocketException or TimeoutException or
        ProtocolException or CommandException or AuthenticationException or
        ServiceNotConnectedException or ServiceNotAuthenticatedException;

    private static ResiliencePipeline Create(string name, MailResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var shouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient);
        var builder = new ResiliencePipelineBuilder { Name = $"mail-{name}", TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Mail connection {Pipeline} failed ({Error}); retry {Attempt} in {Delay}",
                        name,
                        args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = shouldHandle,
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                logger.LogWarning("Mail connection {Pipeline} circuit opened for {BreakDuration}", name, args.BreakDuration);
                return default;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("Mail connection {Pipeline} circuit closed", name);
                return default;
            },
        });
        return builder.Build();
    }
}
