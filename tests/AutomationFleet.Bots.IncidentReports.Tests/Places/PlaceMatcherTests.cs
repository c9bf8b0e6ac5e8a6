using AutomationFleet.Bots.IncidentReports.Places;

namespace AutomationFleet.Bots.IncidentReports.Tests.Places;

public sealed class PlaceMatcherTests
{
    private static readonly Lazy<PlaceMatcher> Shipped = new(() => new PlaceMatcher(Gazetteer.Load(GazetteerTests.ShippedPath)));

    private static PlaceMatcher CreateSut() => Shipped.Value;

    private static PlaceQuery Query(string? postcode = null, string? address = null, double? latitude = null, double? longitude = null, string? text = null) =>
        new(postcode, address, latitude, longitude, text);

    [Fact]
    public void Find_PostcodeAndStreet_MatchesThatStreet()
    {
        var match = CreateSut().Find(Query(postcode: "qw17du", address: "2 Albert Avenue"));

        Assert.NotNull(match);
        Assert.Equal("WS000001", match.PlaceId);
        Assert.Equal("postcode-and-street", match.How);
        Assert.Equal(1.0, match.Score);
        Assert.Contains("QW1 7DU", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_AbbreviatedMisspeltStreetWithTown_MatchesByFuzzyName()
    {
        var match = CreateSut().Find(Query(address: "14 Albret Ave, Kingsford"));

        Assert.NotNull(match);
        Assert.Equal("WS000043", match.PlaceId);
        Assert.Equal("street", match.How);
        Assert.InRange(match.Score, 0.92, 0.999);
        Assert.Contains("Kingsford", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SaintAndRoadTypeAbbreviated_MatchesTheSpeltOutName()
    {
        var match = CreateSut().Find(Query(address: "3 St Marys Dr, Cold Harbour"));

        Assert.NotNull(match);
        Assert.Equal("WS000246", match.PlaceId);
        Assert.Equal(1.0, match.Score);
    }

    [Fact]
    public void Find_TypoInTerraceAbbreviation_Matches()
    {
        var match = CreateSut().Find(Query(address: "7 Fery Tce"));

        Assert.NotNull(match);
        Assert.Equal("Ferry Terrace", match.Street);
    }

    [Fact]
    public void Find_SameNamedStreetsAndPostcodeDistrict_ChoosesByDistrict()
    {
        var match = CreateSut().Find(Query(postcode: "QW9 1ZZ", address: "Mill Lane"));

        Assert.NotNull(match);
        Assert.Equal("Fenwick", match.Town);
    }

    [Fact]
    public void Find_SameNamedStreetsAndNothingToChoose_LowersTheScore()
    {
        var match = CreateSut().Find(Query(address: "Mill Lane"));

        Assert.NotNull(match);
        Assert.True(match.Score < 0.8);
        Assert.Contains("nothing says which", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_StreetInsideFreeText_MatchesItInTheNamedTown()
    {
        var match = CreateSut().Find(Query(text: "there is a pothole outside 14 Mill Lane, Ashby, it has been there weeks"));

        Assert.NotNull(match);
        Assert.Equal("WS000029", match.PlaceId);
        Assert.Equal("street-in-text", match.How);
        Assert.DoesNotContain("14", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_MisspeltStreetInsideFreeText_Matches()
    {
        var match = CreateSut().Find(Query(text: "Big tree down across St Marsy Drive in Hollowbrook"));

        Assert.NotNull(match);
        Assert.Equal("WS000158", match.PlaceId);
    }

    [Fact]
    public void Find_CoordinatesOnly_NearestStreetPointWithinLimit()
    {
        var match = CreateSut().Find(Query(latitude: 52.74010, longitude: -1.29350));

        Assert.NotNull(match);
        Assert.Equal("WS000029", match.PlaceId);
        Assert.Equal("coordinates", match.How);
        Assert.Contains(" m from Mill Lane, Ashby", match.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NothingRecognisable_ReturnsNull()
    {
        Assert.Null(CreateSut().Find(Query(text: "the bins were not collected again", latitude: 51.5, longitude: -0.12)));
        Assert.Null(CreateSut().Find(Query(address: "1 Nonesuch Boulevard, Atlantis")));
        Assert.Null(CreateSut().Find(Query()));
    }

    [Fact]
    public void GeoDistance_OneDegreeOfLatitude_IsAbout111Kilometres()
    {
        Assert.InRange(GeoDistance.Metres(52, -1, 53, -1), 111_000, 111_400);
    }
}
