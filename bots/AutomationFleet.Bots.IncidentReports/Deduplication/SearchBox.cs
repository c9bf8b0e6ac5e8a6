using AutomationFleet.Bots.IncidentReports.Places;

namespace AutomationFleet.Bots.IncidentReports.Deduplication;

/// <summary>The latitude/longitude box the store searches, so its index finds every incident within a radius.</summary>
public static class SearchBox
{
    /// <summary>A box that contains every point within <paramref name="metres"/> of the centre (and a little more at the corners).</summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) Around(double lat, double lon, double metres)
    {
        var dLat = metres / GeoDistance.EarthRadiusMetres * 180 / Math.PI;
        var dLon = dLat / Math.Max(0.01, Math.Cos(lat * Math.PI / 180));
        return (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
    }
}
