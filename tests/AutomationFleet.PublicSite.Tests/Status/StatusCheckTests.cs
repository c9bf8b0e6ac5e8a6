using AutomationFleet.Core.PublicStatus;

namespace AutomationFleet.PublicSite.Tests.Status;

public sealed class StatusCheckTests
{
    private static readonly PublicItemFacts Facts = new(["so7 4dt", "QW1 7DU"], [new DateOnly(1984, 3, 12)]);

    [Theory]
    [InlineData("SO7 4DT")]
    [InlineData("so74dt")]
    [InlineData(" S O 7 4 D T ")]
    [InlineData("qw1 7du")]
    public void MatchesPostcode_AnyCaseAndSpacing_True(string typed) => Assert.True(StatusCheck.MatchesPostcode(Facts, typed));

    [Theory]
    [InlineData("SO7 4DU")]
    [InlineData("SO7 4D")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void MatchesPostcode_DifferentOrEmpty_False(string? typed) => Assert.False(StatusCheck.MatchesPostcode(Facts, typed));

    [Fact]
    public void MatchesPostcode_ItemHoldsNone_False() =>
        Assert.False(StatusCheck.MatchesPostcode(PublicItemFacts.None, "SO7 4DT"));

    [Fact]
    public void MatchesDateOfBirth_SameDay_TrueAndNextDayFalse()
    {
        Assert.True(StatusCheck.MatchesDateOfBirth(Facts, new DateOnly(1984, 3, 12)));
        Assert.False(StatusCheck.MatchesDateOfBirth(Facts, new DateOnly(1984, 3, 13)));
        Assert.False(StatusCheck.MatchesDateOfBirth(PublicItemFacts.None, new DateOnly(1984, 3, 12)));
    }

    [Theory]
    [InlineData("1984-03-12")]
    [InlineData("12/03/1984")]
    [InlineData("12/3/1984")]
    [InlineData("12 March 1984")]
    [InlineData("12.03.1984")]
    public void ParseDate_FormsPeopleWrite_TheDate(string text) => Assert.Equal(new DateOnly(1984, 3, 12), StatusCheck.ParseDate(text));

    [Theory]
    [InlineData("31/02/1984")]
    [InlineData("03/12/84x")]
    [InlineData("")]
    public void ParseDate_NotADate_Null(string text) => Assert.Null(StatusCheck.ParseDate(text));
}
