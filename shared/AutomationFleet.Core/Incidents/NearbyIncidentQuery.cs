namespace AutomationFleet.Core.Incidents;

/// <summary>
/// The open incidents a new report might repeat: of a kind group, not resolved or closed, that occurred at or after
/// <see cref="Since"/>, and either within the bounding box (when the report has coordinates) or at the same
/// gazetteer place or about the same person.
/// </summary>
/// <param name="KindGroup">Only incidents of this kind group.</param>
/// <param name="Since">Only incidents that occurred at or after this time (the de-duplication window).</param>
/// <param name="MinLatitude">The box's south edge; null when the report has no coordinates.</param>
/// <param name="MaxLatitude">The box's north edge.</param>
/// <param name="MinLongitude">The box's west edge.</param>
/// <param name="MaxLongitude">The box's east edge.</param>
/// <param name="PlaceId">Also incidents at this gazetteer place.</param>
/// <param name="PersonId">Also incidents about this person.</param>
/// <param name="Limit">At most this many, most recent first.</param>
public sealed record NearbyIncidentQuery(
    string KindGroup,
    DateTimeOffset Since,
    double? MinLatitude,
    double? MaxLatitude,
    double? MinLongitude,
    double? MaxLongitude,
    string? PlaceId,
    string? PersonId,
    int Limit = 50);
