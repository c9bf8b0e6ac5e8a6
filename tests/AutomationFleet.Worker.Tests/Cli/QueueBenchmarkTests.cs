using AutomationFleet.Worker.Cli.Bench;

namespace AutomationFleet.Worker.Tests.Cli;

public sealed class QueueBenchmarkTests
{
    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.99, 99)]
    [InlineData(1.00, 100)]
    [InlineData(0.001, 1)]
    public void Percentile_HundredValues_NearestRank(double fraction, double expected)
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(expected, QueueBenchmark.Percentile(values, fraction));
    }

    [Fact]
    public void Percentile_NoValues_NaN()
    {
        Assert.True(double.IsNaN(QueueBenchmark.Percentile([], 0.5)));
    }
}
