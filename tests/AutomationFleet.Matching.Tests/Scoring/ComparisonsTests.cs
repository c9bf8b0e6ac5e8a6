using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class ComparisonsTests
{
    private static readonly PersonNormaliser Normaliser = new();

    [Theory]
    [InlineData("Oscar", "Osacr", 1)]
    [InlineData("Forcnee", "Florence", 3)]
    public void GivenNameCompare_NeighboursSwappedOrTypo_NearLevel(string a, string b, int level) =>
        Assert.Equal(level, new GivenNameComparison().Compare(Person(given: a), Person(given: b)));

    [Fact]
    public void GivenNameCompare_SwappedWithSurnameAndMistyped_SwappedLevel()
    {
        var comparison = new GivenNameComparison();

        var level = comparison.Compare(Person(given: "Forcnee"), Person(given: "Wilson", surname: "Florence"));

        Assert.Equal("swapped with surname", comparison.Levels[level]);
    }

    [Fact]
    public void SurnameCompare_SwappedWithGivenNameMistypedOtherNameMissing_SwappedLevel()
    {
        var comparison = new SurnameComparison();

        var level = comparison.Compare(Person(given: "Webb", surname: "Logan"), Person(surname: "Wbeb"));

        Assert.Equal("swapped with given name", comparison.Levels[level]);
    }

    [Fact]
    public void NameCompare_OneCrossAgreementWithEveryNameGiven_NotSwapped()
    {
        var (a, b) = (Person(given: "Hannah", surname: "Laverty"), Person(given: "Kyle", surname: "Hanna"));

        Assert.Equal("different", new GivenNameComparison().Levels[new GivenNameComparison().Compare(a, b)]);
        Assert.Equal("different", new SurnameComparison().Levels[new SurnameComparison().Compare(a, b)]);
    }

    [Fact]
    public void NameCompare_BothNamesSwapped_BothSwapped()
    {
        var (a, b) = (Person(given: "Ahmed", surname: "Oscar"), Person(given: "Oscar", surname: "Ahmde"));

        Assert.Equal(5, new GivenNameComparison().Compare(a, b));
        Assert.Equal(4, new SurnameComparison().Compare(a, b));
    }

    [Theory]
    [InlineData("Loodon", "London", "near")]
    [InlineData("Salford", "Saford", "near")]
    [InlineData("York", "Leeds", "different")]
    public void LocationCompare_TownWithSlip_Near(string a, string b, string expected)
    {
        var comparison = new LocationComparison();

        Assert.Equal(expected, comparison.Levels[comparison.Compare(Person(address: a), Person(address: b))]);
    }

    [Theory]
    [InlineData("gk@frey-robinson.org", "rgk@frey-robinon.org", "two edits")]
    [InlineData("ann.lee@example.com", "ann.lee@exmaple.com", "one edit")]
    [InlineData("ann.lee@example.com", "bob.hart@other.org", "different")]
    public void EmailCompare_Typos_ExpectedLevel(string a, string b, string expected)
    {
        var comparison = new EmailComparison();

        Assert.Equal(expected, comparison.Levels[comparison.Compare(Person(email: a), Person(email: b))]);
    }

    private static NormalisedPerson Person(string given = "", string surname = "", string address = "", string email = "") =>
        Normaliser.Normalise(new PersonRecord("x", GivenName: given, Surname: surname, Address: address, Email: email));
}
