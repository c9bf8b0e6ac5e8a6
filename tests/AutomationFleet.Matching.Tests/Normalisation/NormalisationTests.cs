using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Tests.Normalisation;

public sealed class NormalisationTests
{
    [Theory]
    [InlineData("bill", "william")]
    [InlineData("peggy", "margaret")]
    [InlineData("bob", "robert")]
    public void AreAlternatives_KnownNickname_True(string a, string b) => Assert.True(NicknameTable.Default.AreAlternatives(a, b));

    [Fact]
    public void AreAlternatives_UnrelatedNames_False() => Assert.False(NicknameTable.Default.AreAlternatives("william", "margaret"));

    [Theory]
    [InlineData("po827er", "PO82 7ER", "PO82", "PO82 7")]
    [InlineData(" sw1a 1aa ", "SW1A 1AA", "SW1A", "SW1A 1")]
    public void Parse_UkPostcode_NormalisedWithDistrictAndSector(string text, string full, string district, string sector)
    {
        var postcode = Postcode.Parse(text);
        Assert.Equal((full, district, sector), (postcode.Full, postcode.District, postcode.Sector));
    }

    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("9434765918", false)]
    [InlineData("943476591", false)]
    public void IsValid_NhsNumber_ChecksModulus11(string digits, bool expected) => Assert.Equal(expected, NhsNumber.IsValid(digits));

    [Theory]
    [InlineData("07700 900123")]
    [InlineData("+44 7700 900123")]
    [InlineData("0044 7700 900123")]
    public void Normalise_UkMobile_E164(string text) => Assert.Equal("+447700900123", PhoneNumberNormaliser.Normalise(text));

    [Theory]
    [InlineData("Mr O'Brien-Smith", "obriensmith")]
    [InlineData("Dr. Zoë", "zoe")]
    public void Surname_TitlesAccentsAndPunctuation_Removed(string text, string expected) => Assert.Equal(expected, NameNormaliser.Surname(text));

    [Theory]
    [InlineData("1971-06-24", 1971, 6, 24)]
    [InlineData("19710624", 1971, 6, 24)]
    [InlineData("24/06/1971", 1971, 6, 24)]
    [InlineData("1971-06-NA", 1971, 6, 0)]
    public void TryParse_CommonLayouts_Read(string text, int year, int month, int day)
    {
        Assert.True(BirthDate.TryParse(text, out var date));
        Assert.Equal(new BirthDate(year, month, day), date);
    }

    [Fact]
    public void TryParse_ImpossibleDate_False() => Assert.False(BirthDate.TryParse("2023-02-30", out _));

    [Fact]
    public void Assign_SomeRecordsWithoutSurname_ShareOfRecordsHoldingOne()
    {
        var normaliser = new PersonNormaliser();
        string[] surnames = ["Smith", "Smith", "Jones", "", ""];
        var people = surnames.Select((surname, i) => normaliser.Normalise(new AutomationFleet.Matching.Records.PersonRecord($"p{i}", Surname: surname))).ToArray();

        TermFrequencies.Count(people).Assign(people);

        Assert.Equal(2 / 3.0, people[0].SurnameFrequency, 9);
        Assert.Equal(0, people[3].SurnameFrequency);
    }
}
