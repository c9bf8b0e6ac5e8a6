using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Tests.Ocr;

/// <summary>Starting the pool's engines with the host, and the stage timings a page's OCR reports.</summary>
[Trait("Category", "Integration")]
public sealed class OcrEnginePoolTests
{
    [Fact]
    public async Task StartEnginesAsync_BeforeAndAfterPages_StartsEachEngineOnce()
    {
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 2, PageImageMaxWidth = 0 });
        var page = new PageImage(1, TestFiles.Read("phototest.tif"));

        await pool.StartEnginesAsync(CancellationToken.None);
        var read = await Task.WhenAll(pool.RecognizeAsync(page, TimeSpan.FromMinutes(1), CancellationToken.None), pool.RecognizeAsync(page, TimeSpan.FromMinutes(1), CancellationToken.None));
        await pool.StartEnginesAsync(CancellationToken.None);

        Assert.Equal(2, pool.Engines);
        Assert.All(read, p => Assert.Contains("quick brown dog", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartEnginesAsync_PagesAlreadyStartedEngines_StartsNoMore()
    {
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 1, PageImageMaxWidth = 0 });

        _ = await pool.RecognizeAsync(new PageImage(1, TestFiles.Read("phototest.tif")), TimeSpan.FromMinutes(1), CancellationToken.None);
        await pool.StartEnginesAsync(CancellationToken.None);

        Assert.Equal(1, pool.Engines);
    }

    [Fact]
    public async Task RecognizeAsync_Listened_RecordsEveryStageOfThePage()
    {
        // Other tests OCR at the same time and may add measurements; each stage of this page is there at least once.
        var stages = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == OcrMetrics.StageDurationName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, milliseconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == OcrMetrics.StageTag && tag.Value is string stage && milliseconds >= 0)
                {
                    stages.Add(stage);
                }
            }
        });
        listener.Start();
        using var pool = new OcrEnginePool(new OcrOptions { MaxEngines = 1 });

        var page = await pool.RecognizeAsync(new PageImage(1, TestFiles.Read("phototest.tif")), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotNull(page.Image);
        Assert.Superset(
            new HashSet<string>([OcrMetrics.StageEngineWait, OcrMetrics.StageEngineStart, OcrMetrics.StageDecode, OcrMetrics.StageDeskew,
                OcrMetrics.StageRecognize, OcrMetrics.StageText, OcrMetrics.StageWords, OcrMetrics.StagePageImage]),
            stages.ToHashSet());
    }
}
