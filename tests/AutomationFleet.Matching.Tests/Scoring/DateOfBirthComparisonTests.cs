using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class DateOfBirthComparisonTests
{
    private static readonly PersonNormaliser Normaliser = new();

    [Theory]
    [InlineData("1971-06-24", "1971-06-24", 0)]
    [InlineData("1971-05-07", "1971-07-05", 1)]
    [InlineData("1971-06-24", "1971-06-25", 2)]
    [InlineData("1971-06-24", "1971-06-02", 3)]
    [InlineData("0000-06-24", "1971-06-24", 4)]
    [InlineData("1971-06-24", "1971-01-02", 5)]
    [InlineData("1971-06-24", "1979-01-02", 6)]
    [InlineData("1971-06-24", "1985-01-02", 7)]
    [InlineData("0000-06-24", "1971-06-25", -1)]
    public void Compare_Dates_ExpectedLevel(string a, string b, int level)
    {
        var comparison = new DateOfBirthComparison();
        Assert.Equal(level, comparison.Compare(Normaliser.Normalise(new PersonRecord("a", DateOfBirth: a)), Normaliser.Normalise(new PersonRecord("b", DateOfBirth: b))));
    }
}
