using AutomationFleet.Bots.IncidentReports.Allocation;

namespace AutomationFleet.Bots.IncidentReports.Tests.Allocation;

public sealed class KindSuggesterTests
{
    private static KindSuggester CreateSut() => new(TestConfigs.Shipped);

    [Theory]
    [InlineData("Massive pothole on the corner, two cars damaged", "pothole")]
    [InlineData("Potholes all along the lane", "pothole")]
    [InlineData("A fallen tree is blocking the road", "fallen-tree")]
    [InlineData("The street light outside no. 4 has been out for a week", "street-light")]
    [InlineData("Resident had a fall in the lounge at 03:10, no injury", "fall")]
    [InlineData("Missed dose of evening medication", "medication-error")]
    [InlineData("We have a safeguarding concern about a resident", "safeguarding-concern")]
    public void Suggest_TextWithKeyword_SuggestsKind(string text, string kind)
    {
        Assert.Equal(kind, CreateSut().Suggest(text)?.Kind.Id);
    }

    [Fact]
    public void Suggest_NoKeyword_ReturnsNull()
    {
        Assert.Null(CreateSut().Suggest("Please call me back about my council tax"));
    }
}
