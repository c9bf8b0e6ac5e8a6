namespace AutomationFleet.Core.Metrics;

/// <summary>How many items something happened to in one clock hour.</summary>
/// <param name="HourStart">The start of the hour (UTC).</param>
/// <param name="Count">How many items.</param>
public sealed record HourlyCount(DateTimeOffset HourStart, int Count);
