namespace AutomationFleet.Core.Metrics;

/// <summary>A bot and category with decided review tasks.</summary>
/// <param name="Bot">The bot's name.</param>
/// <param name="Category">The proposed category; null for proposals without one.</param>
/// <param name="Approved">Tasks a reviewer approved.</param>
/// <param name="Corrected">Tasks a reviewer corrected.</param>
public sealed record ReviewedCategory(string Bot, string? Category, int Approved, int Corrected);
