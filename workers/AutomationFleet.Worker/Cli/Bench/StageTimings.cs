using System.Diagnostics.Metrics;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Core.Running;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>
/// Adds up, while it is alive, the stage histograms of the bot runner, the inbound-post bot and the OCR
/// (<see cref="BotRunMetrics"/>, <see cref="InboundPostMetrics"/>, <see cref="OcrMetrics"/>): where the bot's time
/// went during the timed run.
/// </summary>
public sealed class StageTimings : IDisposable
{
    // Display order; the depth says which stage another runs inside (OCR inside the sandbox child inside "read document"
    // inside "decide").
    private static readonly (string Meter, string Stage, int Depth)[] Known =
    [
        (BotRunMetrics.MeterName, BotRunMetrics.StageDecide, 0),
        (InboundPostMetrics.MeterName, InboundPostMetrics.StageReadDocument, 1),
        (OcrMetrics.MeterName, OcrMetrics.StageSandbox, 2),
        (OcrMetrics.MeterName, OcrMetrics.StageSandboxStart, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageEngineWait, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageEngineStart, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageDecode, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageDeskew, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageRecognize, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageText, 3),
        (OcrMetrics.MeterName, OcrMetrics.StageWords, 3),
        (OcrMetrics.MeterName, OcrMetrics.StagePageImage, 3),
        (InboundPostMetrics.MeterName, InboundPostMetrics.StagePageImageStore, 1),
        (InboundPostMetrics.MeterName, InboundPostMetrics.StageClassify, 1),
        (InboundPostMetrics.MeterName, InboundPostMetrics.StageExtract, 1),
        (InboundPostMetrics.MeterName, InboundPostMetrics.StageEvidence, 1),
        (BotRunMetrics.MeterName, BotRunMetrics.StageSettle, 0),
        (BotRunMetrics.MeterName, BotRunMetrics.StageDeliver, 0),
    ];

    private static readonly HashSet<string> Instruments =
        [BotRunMetrics.StageDurationName, InboundPostMetrics.StageDurationName, OcrMetrics.StageDurationName];

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Meter, string Stage), (int Count, double Milliseconds)> _totals = [];
    private readonly MeterListener _listener = new();

    public StageTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The totals so far, known stages first in display order.</summary>
    public IReadOnlyList<StageTimingReport> Report()
    {
        lock (_lock)
        {
            var known = Known
                .Where(k => _totals.ContainsKey((k.Meter, k.Stage)))
                .Select(k => Row(k.Meter, k.Stage, k.Depth));
            var others = _totals.Keys
                .Where(key => !Known.Any(k => k.Meter == key.Meter && k.Stage == key.Stage))
                .Order()
                .Select(key => Row(key.Meter, key.Stage, 0));
            return [.. known, .. others];
        }
    }

    public void Dispose() => _listener.Dispose();

    private StageTimingReport Row(string meter, string stage, int depth)
    {
        var (count, milliseconds) = _totals[(meter, stage)];
        return new StageTimingReport(meter, stage, depth, count, milliseconds / 1000.0, count > 0 ? milliseconds / count : 0);
    }

    private void OnMeasurement(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? stage = null;
        foreach (var tag in tags)
        {
            if (tag.Key == OcrMetrics.StageTag)
            {
                stage = tag.Value as string;
            }
        }

        if (stage is null)
        {
            return;
        }

        lock (_lock)
        {
            var key = (instrument.Meter.Name, stage);
            var (count, total) = _totals.GetValueOrDefault(key);
            _totals[key] = (count + 1, total + milliseconds);
        }
    }
}
