namespace AutomationFleet.Core.Bots;

/// <summary>What <see cref="IBotPauseStore.PauseBotAsync"/> did.</summary>
/// <param name="Pause">The pause in force after the call.</param>
/// <param name="Changed">True if this call paused the bot; false if it was already paused (and <paramref name="Pause"/> is the earlier one).</param>
public sealed record BotPauseChange(BotPause Pause, bool Changed);
