using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Worker.Tests.Hosting;

public sealed class FleetHostConfigurationTests
{
    [Fact]
    [Trait("Category", "Integration")]
    public async Task StartAsync_BadConfig_FailsNamingEveryBadSetting()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        settings["Worker:LeaseDuration"] = "00:00:00.5";
        settings["Worker:HeartbeatInterval"] = "00:00:10";
        settings["Worker:StaleAfter"] = "00:00:05";
        settings["Queues:work:Concurrency"] = "0";
        settings["Queues:work:BatchSize"] = "5000";
        settings["Queues:work:MaxDelay"] = "00:00:01";
        settings["Queues:wrok:Concurrency"] = "1";
        settings["Confidence:DefaultThreshold"] = "1.5";
        using var host = fleet.Build(settings, new TestBot("work", TimeSpan.Zero));

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var messages = exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : exception.Message;
        Assert.All(
            exception is AggregateException a ? a.InnerExceptions : [exception],
            e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("Worker:LeaseDuration", messages, StringComparison.Ordinal);
        Assert.Contains("Worker:StaleAfter", messages, StringComparison.Ordinal);
        Assert.Contains("Queues:work:Concurrency must be between 1 and 64", messages, StringComparison.Ordinal);
        Assert.Contains("Queues:work:BatchSize", messages, StringComparison.Ordinal);
        Assert.Contains("Queues:work:MaxDelay", messages, StringComparison.Ordinal);
        Assert.Contains("Queues:wrok is configured but no bot consumes queue 'wrok'", messages, StringComparison.Ordinal);
        Assert.Contains("Confidence:DefaultThreshold", messages, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task StartAsync_BadPipelineOptions_RefusedNamingEachPipelineSetting()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        var settings = fleet.BaseSettings();
        // Both were accepted before: the ranges were attributes on the nested PipelineOptions, which never ran.
        settings["Resilience:Delivery:MinimumThroughput"] = "20000";
        settings["Resilience:Mail:FailureRatio"] = "0.001";
        using var host = fleet.Build(settings, new TestBot("work", TimeSpan.Zero));

        var exception = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Resilience:Delivery:MinimumThroughput must be between 2 and 10,000", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience:Mail:FailureRatio must be between 0.01 and 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task StartAsync_BotWithoutQueueConfig_StartsWithDefaults()
    {
        await using var fleet = await FleetTestHost.CreateAsync();
        using var host = fleet.Build(fleet.BaseSettings(), new TestBot("unconfigured", TimeSpan.Zero));

        await host.StartAsync();
        await host.StopAsync();
    }
}
