namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>How close is close enough for <see cref="PlaceMatcher"/>.</summary>
public sealed class PlaceMatcherOptions
{
    /// <summary>The lowest Jaro–Winkler similarity of normalised street names that counts as the same street. Default 0.92.</summary>
    public double MinimumStreetSimilarity { get; init; } = 0.92;

    /// <summary>How far from a reported point the nearest gazetteer point may be. Default 250 m.</summary>
    public double MaximumDistanceMetres { get; init; } = 250;

    /// <summary>Matches scoring below this are not returned. Default 0.5.</summary>
    public double MinimumScore { get; init; } = 0.5;
}
