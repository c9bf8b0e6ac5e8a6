namespace AutomationFleet.Core.Review;

/// <summary>Open review tasks of one bot, category and service, as counted by the store.</summary>
/// <param name="Bot">The bot that proposed.</param>
/// <param name="Category">The proposed category, if any.</param>
/// <param name="Service">The service the items are for, if known.</param>
/// <param name="Count">Open tasks.</param>
/// <param name="Urgent">Of those, urgent.</param>
/// <param name="Escalated">Of those, escalated to a supervisor.</param>
public sealed record ReviewCount(string Bot, string? Category, string? Service, int Count, int Urgent, int Escalated);
