using AutomationFleet.Core.Audit;

namespace AutomationFleet.Core.Tests.Audit;

public sealed class ActorsTests
{
    [Fact]
    public void Kinds_SpelledAsTheAuditTrailHasAlwaysHadThem()
    {
        Assert.Equal("worker:w1", Actors.Worker("w1"));
        Assert.Equal("reviewer:ann", Actors.Reviewer("ann"));
        Assert.Equal("supervisor:sue", Actors.Supervisor("sue"));
        Assert.Equal("cli:root", Actors.Cli("root"));
        Assert.Equal("scheduler:nightly", Actors.Scheduler("nightly"));
        Assert.Equal("handoff:post", Actors.Handoff("post"));
        Assert.Equal("inbox", Actors.Inbox);
    }

    [Theory]
    [InlineData("reviewer:ann", true)]
    [InlineData("worker:w1", false)]
    [InlineData("Reviewer:ann", false)]
    [InlineData("contact-forms", false)]
    [InlineData(null, false)]
    public void IsReviewer_OnlyTheReviewerKind(string? actor, bool expected) => Assert.Equal(expected, Actors.IsReviewer(actor));

    [Fact]
    public void Reviewer_BlankName_Throws() => Assert.Throws<ArgumentException>(() => Actors.Reviewer(" "));
}
