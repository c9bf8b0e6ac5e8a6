using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AutomationFleet.Core.Metrics;

/// <summary>
/// A histogram of how long each stage of a unit of work took, in milliseconds, tagged <see cref="StageTag"/> with the
/// stage's name: where an item's or a page's time goes. Read it with a <see cref="MeterListener"/> (the benchmarks do)
/// or OpenTelemetry's <c>AddMeter</c>. With nobody listening a measurement costs one timestamp.
/// </summary>
public sealed class StageDurations
{
    /// <summary>The tag naming the stage.</summary>
    public const string StageTag = "stage";

    private readonly Histogram<double> _histogram;

    /// <summary>Creates the histogram <paramref name="name"/> on <paramref name="meter"/>.</summary>
    /// <param name="meter">The meter that owns the histogram.</param>
    /// <param name="name">The histogram's name.</param>
    /// <param name="description">What is timed.</param>
    public StageDurations(Meter meter, string name, string description)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _histogram = meter.CreateHistogram<double>(name, "ms", description);
    }

    /// <summary>A timestamp to pass to <see cref="Record"/> when the stage ends.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Records the time since <paramref name="started"/> (from <see cref="Start"/>) for <paramref name="stage"/>, when anyone listens.</summary>
    public void Record(string stage, long started)
    {
        if (_histogram.Enabled)
        {
            _histogram.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>(StageTag, stage));
        }
    }

    /// <summary>Records a duration measured elsewhere (e.g. in a child process) for <paramref name="stage"/>, when anyone listens.</summary>
    /// <param name="stage">The stage's name.</param>
    /// <param name="milliseconds">How long it took.</param>
    public void RecordMilliseconds(string stage, double milliseconds)
    {
        if (_histogram.Enabled)
        {
            _histogram.Record(milliseconds, new KeyValuePair<string, object?>(StageTag, stage));
        }
    }
}
