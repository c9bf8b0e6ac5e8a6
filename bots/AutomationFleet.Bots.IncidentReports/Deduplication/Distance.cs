namespace AutomationFleet.Bots.IncidentReports.Deduplication;

/// <summary>Distances on the Earth's surface, and the box a radius covers (for the store's indexed query).</summary>
public static class Distance
{
    private const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>The great-circle (haversine) distance in metres between two WGS84 points.</summary>
    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>A latitude/longitude box that contains every point within <paramref name="metres"/> of the centre.</summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) Box(double lat, double lon, double metres)
    {
        var dLat = metres / EarthRadiusMetres * 180 / Math.PI;
        var dLon = dLat / Math.Max(0.01, Math.Cos(Radians(lat)));
        return (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
