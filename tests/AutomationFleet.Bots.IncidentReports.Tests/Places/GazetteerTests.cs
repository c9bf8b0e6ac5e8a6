using AutomationFleet.Bots.IncidentReports.Places;

namespace AutomationFleet.Bots.IncidentReports.Tests.Places;

public sealed class GazetteerTests
{
    internal static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "config", "incidents", "gazetteer.csv");

    [Fact]
    public void Load_ShippedFile_LoadsEveryRow()
    {
        var gazetteer = Gazetteer.Load(ShippedPath);

        Assert.True(gazetteer.Entries.Count > 300);
        Assert.True(gazetteer.Entries.Select(e => e.PlaceId).Distinct().Count() is >= 150 and <= 300);
        Assert.Equal(6, gazetteer.Entries.Select(e => e.Area).Distinct().Count());
    }

    [Fact]
    public void Read_BadRows_NamesFileLineAndColumnOfEach()
    {
        const string csv = """
            place_id,street,locality,town,postcode,area,latitude,longitude
            WS1,Mill Lane,,Ashby,QW1 1AB,ashby,52.75,-1.3
            WS2,Church Street,,Ashby,QW1 1AD,ashby,north,-1.3
            WS3,Station Road,,,QW1 1AE,ashby,52.75,-1.3
            WS4,High Street,,Ashby,not a postcode,ashby,52.75,-1.3
            """;

        var error = Assert.Throws<GazetteerException>(() => Gazetteer.Read(new StringReader(csv), "streets.csv"));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("streets.csv: line 3, column latitude", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("streets.csv: line 4, column town", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("streets.csv: line 5, column postcode", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingColumn_SaysWhich()
    {
        var error = Assert.Throws<GazetteerException>(() => Gazetteer.Read(new StringReader("place_id,street,town,postcode,area,latitude,longitude\n"), "streets.csv"));

        Assert.Contains("locality", error.Problems.Single(), StringComparison.Ordinal);
    }
}
