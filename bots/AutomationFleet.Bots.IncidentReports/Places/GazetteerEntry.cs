namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>
/// One row of the gazetteer: a point on a street with one of its postcodes. A street with several postcodes has
/// several rows with the same <see cref="PlaceId"/> (the street's identifier, like a USRN).
/// </summary>
public sealed record GazetteerEntry(
    string PlaceId,
    string Street,
    string? Locality,
    string Town,
    string Postcode,
    string Area,
    double Latitude,
    double Longitude);
