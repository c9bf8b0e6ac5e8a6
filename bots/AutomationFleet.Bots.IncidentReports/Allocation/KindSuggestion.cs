namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>The kind free text suggests, and the keyword that suggested it.</summary>
public sealed record KindSuggestion(IncidentKind Kind, string Keyword);
