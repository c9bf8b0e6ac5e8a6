using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Tests.WorkItems;

public sealed class RetryPolicyTests
{
    private static readonly RetryPolicy Sut = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(1, 5, 10)]
    [InlineData(2, 10, 20)]
    [InlineData(3, 20, 40)]
    [InlineData(4, 30, 60)]
    [InlineData(40, 30, 60)]
    public void DelayAfter_AnyJitter_StaysWithinHalfToFullOfCappedExponential(int attempts, double minSeconds, double maxSeconds)
    {
        Assert.Equal(minSeconds, Sut.DelayAfter(attempts, 0).TotalSeconds, 6);
        Assert.Equal(maxSeconds, Sut.DelayAfter(attempts, 1).TotalSeconds, 6);
        var random = new Random(42);
        for (var i = 0; i < 100; i++)
        {
            var delay = Sut.DelayAfter(attempts, random.NextDouble()).TotalSeconds;
            Assert.InRange(delay, minSeconds, maxSeconds);
        }
    }

    [Fact]
    public void DelayAfter_ZeroAttempts_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Sut.DelayAfter(0, 0.5));

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void IsExhausted_AtMaxAttempts_True(int attempts, bool exhausted) =>
        Assert.Equal(exhausted, Sut.IsExhausted(attempts));
}
