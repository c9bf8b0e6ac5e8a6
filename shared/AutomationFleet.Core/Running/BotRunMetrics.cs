using System.Diagnostics.Metrics;
using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Core.Running;

/// <summary>
/// Where an item's time goes in <see cref="BotRunner"/>: the <see cref="StageDurations"/> histogram
/// <see cref="StageDurationName"/> on the meter <see cref="MeterName"/>, one measurement per stage per item.
/// </summary>
public static class BotRunMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "AutomationFleet.Running";

    /// <summary>The histogram's name.</summary>
    public const string StageDurationName = "fleet.bot.stage.duration";

    /// <summary>The bot's <see cref="Bots.IBot.DecideAsync"/>.</summary>
    public const string StageDecide = "decide";

    /// <summary>The confidence policy, then recording the outcome or sending the item to review.</summary>
    public const string StageSettle = "policy and record";

    /// <summary>The delivery (route) steps with their ledger entries, and completing the item.</summary>
    public const string StageDeliver = "deliver (route steps)";

    internal static readonly StageDurations Stages = new(new Meter(MeterName), StageDurationName, "Time per stage per item in the bot runner.");
}
