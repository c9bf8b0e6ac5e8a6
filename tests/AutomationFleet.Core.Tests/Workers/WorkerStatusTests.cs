using AutomationFleet.Core.Workers;

namespace AutomationFleet.Core.Tests.Workers;

public sealed class WorkerStatusTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void IsAliveAt_HeardWithinStaleWindow(int secondsAgo, bool alive) =>
        Assert.Equal(alive, WorkerStatus.IsAliveAt(null, Now.AddSeconds(-secondsAgo), Now, TimeSpan.FromSeconds(30)));

    [Fact]
    public void IsAliveAt_Stopped_NotAlive() =>
        Assert.False(WorkerStatus.IsAliveAt(Now, Now, Now, TimeSpan.FromSeconds(30)));
}
