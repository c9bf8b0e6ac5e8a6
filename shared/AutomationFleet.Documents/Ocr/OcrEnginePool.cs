using System.Collections.Concurrent;

namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// A bounded pool of Tesseract engines (at most <see cref="OcrOptions.MaxEngines"/>, default one per processor).
/// Each page borrows one engine for the length of its OCR on a thread-pool thread, and the engine stays loaded for
/// the next page. Thread-safe; create one per process and dispose it at shutdown.
/// </summary>
public sealed class OcrEnginePool : IDisposable
{
    private readonly OcrOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<OcrEngine> _idle = [];
    private int _engines;
    private int _disposed;

    /// <summary>Creates the pool; engines are created on first use.</summary>
    /// <param name="options">Engine settings.</param>
    public OcrEnginePool(OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _slots = new SemaphoreSlim(options.MaxEngines, options.MaxEngines);
    }

    /// <summary>The most pages OCR'd at once.</summary>
    public int MaxEngines => _options.MaxEngines;

    /// <summary>Engines started so far (never more than <see cref="MaxEngines"/>).</summary>
    public int Engines => Volatile.Read(ref _engines);


    /// <summary>
    /// OCRs one page image on a pooled engine. Throws <see cref="DocumentRejectedException"/> when the image cannot be
    /// decoded or OCR runs past <paramref name="pageTimeout"/> (Tesseract's own deadline stops it), and
    /// <see cref="OperationCanceledException"/> when cancelled (Tesseract's cancel hook stops it).
    /// </summary>
    /// <param name="image">The encoded page image.</param>
    /// <param name="pageTimeout">Time limit for this page.</param>
    /// <param name="cancellationToken">Stops the OCR.</param>
    public async Task<ReadPage> RecognizeAsync(PageImage image, TimeSpan pageTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var waiting = OcrMetrics.Start();
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(
                () =>
                {
                    OcrMetrics.Record(OcrMetrics.StageEngineWait, waiting);
                    var engine = _idle.TryTake(out var idle) ? idle : StartEngine();
                    try
                    {
                        return engine.Recognize(image, pageTimeout, cancellationToken);
                    }
                    finally
                    {
                        _idle.Add(engine);
                    }
                },
                cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Starts the pool's engines now, all at once, rather than on the first pages: loading the language model costs
    /// about as much as reading a small page, and a host would rather pay it while starting than on its first items.
    /// Engines already started count; pages may run meanwhile.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; an engine being initialised still finishes.</param>
    public Task StartEnginesAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return Task.WhenAll(Enumerable.Range(0, _options.MaxEngines).Select(_ => StartIdleEngineAsync(cancellationToken)));
    }

    private async Task StartIdleEngineAsync(CancellationToken cancellationToken)
    {
        // Under a slot, like a page: every engine is then idle or held by a slot holder, so there are never more
        // than MaxEngines; the count stops this from adding one after pages have started them all.
        await _slots.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Increment(ref _engines) > _options.MaxEngines)
            {
                Interlocked.Decrement(ref _engines);
                return;
            }

            _idle.Add(await Task.Run(() => StartEngine(counted: true), CancellationToken.None));
        }
        finally
        {
            _slots.Release();
        }
    }

    private OcrEngine StartEngine(bool counted = false)
    {
        if (!counted)
        {
            Interlocked.Increment(ref _engines);
        }

        try
        {
            var starting = OcrMetrics.Start();
            var engine = new OcrEngine(_options);
            OcrMetrics.Record(OcrMetrics.StageEngineStart, starting);
            return engine;
        }
        catch
        {
            Interlocked.Decrement(ref _engines);
            throw;
        }

    }


    /// <summary>Ends every engine. Pages still running keep their engine until they finish.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (var i = 0; i < _options.MaxEngines; i++)
        {
            _slots.Wait();
        }

        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }

        _slots.Dispose();
    }
}
