using AutomationFleet.Core.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly.Registry;
using Polly.Timeout;

namespace AutomationFleet.Core.Tests.Resilience;

public sealed class FleetPipelinesTests
{
    [Fact]
    public void AddFleetPipelines_EveryName_Resolves()
    {
        using var provider = new ServiceCollection().AddFleetPipelines().BuildServiceProvider();
        var pipelines = provider.GetRequiredService<ResiliencePipelineProvider<string>>();

        foreach (var name in FleetPipelines.All)
        {
            Assert.NotNull(pipelines.GetPipeline(name));
        }
    }

    [Fact]
    public async Task Pipeline_AttemptTakesLongerThanTimeout_RejectsAfterRetries()
    {
        using var provider = new ServiceCollection()
            .AddFleetPipelines()
            .Configure<FleetPipelineOptions>(o => o.Delivery = new PipelineOptions
            {
                MaxRetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromMilliseconds(50),
            })
            .BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Delivery);
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await Task.Delay(TimeSpan.FromSeconds(10), token);
        }));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Pipeline_FaultFilterRegistered_RetriesOnlyWhatItCallsTransient()
    {
        using var provider = new ServiceCollection()
            .AddTransientFaultFilter(FleetPipelines.Imap, exception => exception is IOException)
            .AddFleetPipelines()
            .Configure<FleetPipelineOptions>(o => o.Imap = Fast())
            .BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Imap);
        var transientAttempts = 0;
        var permanentAttempts = 0;

        await Assert.ThrowsAsync<IOException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            transientAttempts++;
            throw new IOException("connection reset");
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            permanentAttempts++;
            throw new InvalidOperationException("a bug");
        }));

        Assert.Equal(3, transientAttempts);
        Assert.Equal(1, permanentAttempts);
    }

    [Fact]
    public async Task Pipeline_FaultFilterRegistered_AttemptTimeoutStillRetried()
    {
        using var provider = new ServiceCollection()
            .AddFleetPipelines()
            .AddTransientFaultFilter(FleetPipelines.SmtpConnection, exception => exception is IOException)
            .Configure<FleetPipelineOptions>(o => o.SmtpConnection = Fast())
            .BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.SmtpConnection);
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutRejectedException>(async () => await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            await Task.Delay(TimeSpan.FromSeconds(10), token);
        }));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Pipeline_NoFaultFilter_AnyFaultRetried()
    {
        using var provider = new ServiceCollection()
            .AddFleetPipelines()
            .AddTransientFaultFilter(FleetPipelines.Imap, exception => exception is IOException)
            .Configure<FleetPipelineOptions>(o => o.Delivery = Fast())
            .BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Delivery);
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new InvalidOperationException("receiving system said no");
        }));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public void AddFleetPipelines_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection().AddFleetPipelines().AddFleetPipelines();
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IValidateOptions<FleetPipelineOptions>>());
        Assert.NotNull(provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Imap));
    }

    [Fact]
    public void AddTransientFaultFilter_UnknownPipeline_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTransientFaultFilter("smtp", _ => true));

    [Fact]
    public void Validate_BadSettings_ReportsEveryPath()
    {
        var options = new FleetPipelineOptions();
        options.Mail.MaxRetryAttempts = -1;
        options.Web.AttemptTimeout = TimeSpan.Zero;
        options.Delivery.FailureRatio = 0;
        options.Imap.MinimumThroughput = 1;
        options.SmtpConnection.RetryDelay = TimeSpan.Zero;

        var result = new FleetPipelineOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Resilience:Mail:MaxRetryAttempts", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Resilience:Web:AttemptTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Resilience:Delivery:FailureRatio", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Resilience:Imap:MinimumThroughput", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Resilience:SmtpConnection:RetryDelay", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.Equal(ValidateOptionsResult.Success, new FleetPipelineOptionsValidator().Validate(null, new FleetPipelineOptions()));

    private static PipelineOptions Fast() => new()
    {
        MaxRetryAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromMilliseconds(50),
        UseCircuitBreaker = false,
    };
}
