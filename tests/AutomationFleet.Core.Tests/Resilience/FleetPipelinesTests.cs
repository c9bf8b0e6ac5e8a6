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
    public void Validate_BadSettings_ReportsEveryPath()
    {
        var options = new FleetPipelineOptions();
        options.Mail.MaxRetryAttempts = -1;
        options.Web.AttemptTimeout = TimeSpan.Zero;
        options.Delivery.FailureRatio = 0;

        var result = new FleetPipelineOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Resilience:Mail:MaxRetryAttempts", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Resilience:Web:AttemptTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Resilience:Delivery:FailureRatio", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.Equal(ValidateOptionsResult.Success, new FleetPipelineOptionsValidator().Validate(null, new FleetPipelineOptions()));
}
