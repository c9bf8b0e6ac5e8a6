using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.CrashTestWorker;

/// <summary>
/// Decides every item at once with full confidence. Delivery: hand the outcome to <see cref="OutQueue"/>
/// (idempotent), then write a "letter" (not idempotent) that is appended to the log file; items whose
/// payload asks for it hold the letter step open for a while so the test can kill the process mid-step.
/// </summary>
public sealed class CrashTestBot : IBot
{
    public const string QueueName = "crash-test";
    public const string OutQueue = "crash-test-out";

    public CrashTestBot(IWorkQueue queue, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var log = configuration["CrashTest:Log"] ?? throw new InvalidOperationException("CrashTest:Log is required.");
        var hold = TimeSpan.Parse(configuration["CrashTest:Hold"] ?? "00:00:05", System.Globalization.CultureInfo.InvariantCulture);
        DeliverySteps = [new QueueHandoffStep(queue, OutQueue), new LetterStep(log, hold)];
    }

    public string Name => QueueName;

    public string Queue => QueueName;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(BotDecision.Propose("test", input.Item.PayloadJson, 1.0));
    }
}
