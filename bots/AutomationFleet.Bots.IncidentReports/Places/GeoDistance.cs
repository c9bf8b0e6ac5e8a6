namespace AutomationFleet.Bots.IncidentReports.Places;

/// <summary>Great-circle distances on a spherical Earth, which is accurate to well under 1% at street scale.</summary>
public static class GeoDistance
{
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>The haversine distance in metres between two WGS84 points.</summary>
    public static double Metres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = double.DegreesToRadians(latitude1);
        var phi2 = double.DegreesToRadians(latitude2);
        var dPhi = phi2 - phi1;
        var dLambda = double.DegreesToRadians(longitude2 - longitude1);
        var h = (Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2))
            + (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
