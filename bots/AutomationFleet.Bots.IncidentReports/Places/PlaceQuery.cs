namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>What a report says about where: any of a postcode, an address, a point and free text.</summary>
public sealed record PlaceQuery(string? Postcode, string? Address, double? Latitude, double? Longitude, string? Text);
