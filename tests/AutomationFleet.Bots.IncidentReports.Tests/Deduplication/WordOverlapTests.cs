using AutomationFleet.Bots.IncidentReports.Deduplication;

namespace AutomationFleet.Bots.IncidentReports.Tests.Deduplication;

public sealed class WordOverlapTests
{
    [Fact]
    public void Similarity_SameWordsOtherCaseAndPunctuation_One()
    {
        Assert.Equal(1.0, WordOverlap.Similarity("Pothole outside 14 Albert Avenue!", "pothole, OUTSIDE 14 albert avenue"), 9);
    }

    [Fact]
    public void Similarity_NoWordOrTrigramShared_Zero()
    {
        Assert.Equal(0.0, WordOverlap.Similarity("pothole", "lamp flickering"));
    }

    [Fact]
    public void Similarity_OnlyLittleWordsShared_Zero()
    {
        Assert.Equal(0.0, WordOverlap.Similarity("there is a pothole on the road", "there is a lamp on the wall"), 9);
    }

    [Fact]
    public void Similarity_WordSplitInTwo_StillCloseThroughTrigrams()
    {
        var split = WordOverlap.Similarity("pot hole by the school", "pothole by the school");
        var other = WordOverlap.Similarity("pot hole by the school", "fly tipping by the church");

        Assert.InRange(split, 0.5, 0.99);
        Assert.True(other < 0.1, $"unrelated words scored {other}");
    }

    [Fact]
    public void Similarity_EmptyText_Zero()
    {
        Assert.Equal(0.0, WordOverlap.Similarity("", "pothole"));
    }
}
