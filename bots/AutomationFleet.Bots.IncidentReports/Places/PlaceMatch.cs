namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>
/// The street a report is about. <see cref="How"/> is one of <c>postcode-and-street</c>, <c>street</c>,
/// <c>street-in-text</c>, <c>coordinates</c> or <c>postcode</c>; <see cref="Score"/> is in [0, 1] (1: exact);
/// <see cref="Explanation"/> says in words how it was found and names only the place.
/// </summary>
public sealed record PlaceMatch(
    string PlaceId,
    string Street,
    string? Locality,
    string Town,
    string Area,
    double Latitude,
    double Longitude,
    string How,
    double Score,
    string Explanation);
