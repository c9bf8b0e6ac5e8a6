using AutomationFleet.Connectors.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>The real mail pipelines with short delays, so outage tests finish in seconds.</summary>
public static class TestResilience
{
    public static MailResilience Create(ILoggerFactory loggerFactory) =>
        new(
            Options.Create(new MailResilienceOptions
            {
                MaxRetryAttempts = 2,
                RetryBaseDelay = TimeSpan.FromMilliseconds(100),
                RetryMaxDelay = TimeSpan.FromMilliseconds(500),
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = TimeSpan.FromSeconds(1),
            }),
            TimeProvider.System,
            loggerFactory);
}
