using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Core.Tests.Review;

public sealed class ReviewVisibilityTests
{
    private static UserAccount Account(UserRole role, string[] queues, string[] services) =>
        new("ann", "hash", role, false, 0, null, queues, DateTimeOffset.UnixEpoch) { Services = services };

    [Fact]
    public void MaySee_Unscoped_Everything() => Assert.True(ReviewVisibility.MaySee(null, null, "forms", null));

    [Fact]
    public void MaySee_ScopedNothingGranted_Nothing() => Assert.False(ReviewVisibility.MaySee([], [], "forms", "s"));

    [Theory]
    [InlineData("forms", null, true)]
    [InlineData("post", "blue-badge", true)]
    [InlineData("post", null, false)]
    [InlineData("Forms", null, false)]
    [InlineData("post", "Blue-Badge", false)]
    public void MaySee_QueueOrServiceGranted(string queue, string? service, bool expected) =>
        Assert.Equal(expected, ReviewVisibility.MaySee(["forms"], ["blue-badge"], queue, service));

    [Fact]
    public void UserMaySee_Supervisor_EverythingWithoutGrants() =>
        Assert.True(ReviewVisibility.UserMaySee(Account(UserRole.Supervisor, [], []), "forms", null));

    [Fact]
    public void UserMaySee_ReviewerWithoutGrants_Nothing() =>
        Assert.False(ReviewVisibility.UserMaySee(Account(UserRole.Reviewer, [], []), "forms", "s"));

    [Fact]
    public void UserMaySee_ReviewerGrantedTheService_ItemOfAnyQueue() =>
        Assert.True(ReviewVisibility.UserMaySee(Account(UserRole.Reviewer, [], ["s"]), "forms", "s"));
}
