using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AutomationFleet.Documents.Ocr.Native;

namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// One initialised Tesseract engine. Not thread-safe: the <see cref="OcrEnginePool"/> hands it to one page at a time
/// and keeps it loaded between pages (initialising costs about as much as reading a small page).
/// </summary>
internal sealed class OcrEngine : IDisposable
{
    private const int PsmSingleBlock = 6;
    private readonly TessBaseApiHandle _api;
    private readonly OcrOptions _options;

    public OcrEngine(OcrOptions options)
    {
        NativeEnvironment.PrepareForTesseract();
        _options = options;
        _api = TesseractNative.TessBaseAPICreate();
        if (_api.IsInvalid)
        {
            throw new InvalidOperationException("TessBaseAPICreate failed.");
        }

        if (TesseractNative.TessBaseAPIInit3(_api, options.DataPath, options.Language) != 0)
        {
            _api.Dispose();
            throw new InvalidOperationException(
                $"Tesseract could not load language '{options.Language}' from {options.DataPath ?? "its default tessdata folder"}; install the Debian package tesseract-ocr-{options.Language.Split('+')[0]}.");
        }

        _ = TesseractNative.TessBaseAPISetVariable(_api, "debug_file", "/dev/null");
    }

    /// <summary>OCRs one page image. Throws <see cref="DocumentRejectedException"/> on undecodable images and timeouts.</summary>
    public ReadPage Recognize(PageImage image, TimeSpan pageTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var pix = Decode(image);
        var width = LeptonicaNative.pixGetWidth(pix);
        var height = LeptonicaNative.pixGetHeight(pix);
        Task<OcrPageImage?>? rendering = null;
        try
        {
            TesseractNative.TessBaseAPISetImage2(_api, pix);

            // From here Tesseract reads its own copy of the pixels (SetImage copies them), so the page image is made
            // from pix on another thread while this one recognises: on a big page (UNLV: 60-150 ms of rendering) that
            // takes it off the page's critical path whenever a core is free, e.g. while the last page of a batch runs.
            // A thread of its own, not the pool's: the pool's threads may all be engines blocked in Recognize.
            rendering = _options.PageImageMaxWidth > 0
                ? Task.Factory.StartNew(() => RenderPageImage(pix), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                : null;
            var resolution = image.Resolution > 0 ? image.Resolution : LeptonicaNative.pixGetXRes(pix);
            if (resolution > 0)
            {
                TesseractNative.TessBaseAPISetSourceResolution(_api, resolution);
            }

            var zones = image.Zones;
            ReadPage page;
            if (zones is null || zones.Count == 0)
            {
                TesseractNative.TessBaseAPISetPageSegMode(_api, _options.PageSegMode);
                page = ReadZones(image.PageNumber, [null], width, height, pageTimeout, cancellationToken);
            }
            else
            {
                TesseractNative.TessBaseAPISetPageSegMode(_api, PsmSingleBlock);
                page = ReadZones(image.PageNumber, zones.Select(z => (WordBox?)z).ToList(), width, height, pageTimeout, cancellationToken);
            }

            return rendering is null ? page : page with { Image = rendering.GetAwaiter().GetResult() };
        }
        finally
        {
            // pix is destroyed when this method returns: the rendering must be done with it first, whatever happened.
            if (rendering is { IsCompleted: false })
            {
                ((IAsyncResult)rendering).AsyncWaitHandle.WaitOne();
            }

            TesseractNative.TessBaseAPIClear(_api);
        }
    }

    private OcrPageImage? RenderPageImage(PixHandle pix)
    {
        var rendering = OcrMetrics.Start();
        var rendered = PageImageRenderer.Render(pix, _options.PageImageMaxWidth);
        OcrMetrics.Record(OcrMetrics.StagePageImage, rendering);
        return rendered;
    }

    public void Dispose()
    {

        TesseractNative.TessBaseAPIEnd(_api);
        _api.Dispose();
    }

    private ReadPage ReadZones(int pageNumber, List<WordBox?> zones, int width, int height, TimeSpan pageTimeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var words = new List<ReadWord>();
        var text = new System.Text.StringBuilder();
        var confidenceSum = 0.0;
        foreach (var zone in zones)
        {
            if (zone is { } z)
            {
                TesseractNative.TessBaseAPISetRectangle(_api, (int)z.Left, (int)z.Top, (int)(z.Right - z.Left), (int)(z.Bottom - z.Top));
            }

            var remaining = pageTimeout - stopwatch.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw Timeout(pageNumber, pageTimeout);
            }

            var recognizing = OcrMetrics.Start();
            RecognizeWithMonitor(pageNumber, remaining, pageTimeout, stopwatch, cancellationToken);
            OcrMetrics.Record(OcrMetrics.StageRecognize, recognizing);
            var reading = OcrMetrics.Start();
            confidenceSum += TesseractNative.TessBaseAPIMeanTextConf(_api);
            var zoneText = TesseractNative.TakeText(TesseractNative.TessBaseAPIGetUTF8Text(_api));
            if (text.Length > 0 && zoneText.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(zoneText.TrimEnd('\n'));
            OcrMetrics.Record(OcrMetrics.StageText, reading);
            var iterating = OcrMetrics.Start();
            ReadWords(words);
            OcrMetrics.Record(OcrMetrics.StageWords, iterating);
        }

        return new ReadPage(pageNumber, PageSource.Ocr, text.ToString(), words, confidenceSum / zones.Count / 100.0, width, height, PageUnit.Pixels);
    }

    private unsafe void RecognizeWithMonitor(int pageNumber, TimeSpan remaining, TimeSpan pageTimeout, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        using var monitor = TesseractNative.TessMonitorCreate();
        var state = GCHandle.Alloc(new CancelState(cancellationToken));
        try
        {
            TesseractNative.TessMonitorSetCancelThis(monitor, GCHandle.ToIntPtr(state));
            TesseractNative.TessMonitorSetCancelFunc(monitor, &ShouldCancel);
            TesseractNative.TessMonitorSetDeadlineMSecs(monitor, (int)Math.Clamp(remaining.TotalMilliseconds, 1, int.MaxValue));
            var result = TesseractNative.TessBaseAPIRecognize(_api, monitor);
            cancellationToken.ThrowIfCancellationRequested();
            if (stopwatch.Elapsed >= pageTimeout)
            {
                throw Timeout(pageNumber, pageTimeout);
            }

            if (result != 0)
            {
                throw new DocumentRejectedException(DocumentRejectionKind.Damaged, string.Create(CultureInfo.InvariantCulture, $"OCR failed on page {pageNumber}"));
            }
        }
        finally
        {
            state.Free();
        }
    }

    private void ReadWords(List<ReadWord> words)
    {
        using var iterator = TesseractNative.TessBaseAPIGetIterator(_api);
        if (iterator.IsInvalid)
        {
            return;
        }

        var pageIterator = TesseractNative.TessResultIteratorGetPageIterator(iterator);
        do
        {
            var word = TesseractNative.TakeText(TesseractNative.TessResultIteratorGetUTF8Text(iterator, TesseractNative.LevelWord));
            if (string.IsNullOrWhiteSpace(word))
            {
                continue;
            }

            var confidence = TesseractNative.TessResultIteratorConfidence(iterator, TesseractNative.LevelWord) / 100.0;
            _ = TesseractNative.TessPageIteratorBoundingBox(pageIterator, TesseractNative.LevelWord, out var left, out var top, out var right, out var bottom);
            words.Add(new ReadWord(word, Math.Clamp(confidence, 0, 1), new WordBox(left, top, right, bottom)));
        }
        while (TesseractNative.TessResultIteratorNext(iterator, TesseractNative.LevelWord) != 0);
    }

    private unsafe PixHandle Decode(PageImage image)
    {
        PixHandle pix;
        var decoding = OcrMetrics.Start();
        int errno;
        fixed (byte* p = image.Data)
        {
            var isTiff = LeptonicaNative.findFileFormatBuffer(p, out var format) == 0 && LeptonicaNative.IsTiff(format);
            pix = isTiff
                ? LeptonicaNative.pixReadMemTiff(p, (nuint)image.Data.Length, image.TiffPageIndex)
                : LeptonicaNative.pixReadMem(p, (nuint)image.Data.Length);
            errno = Marshal.GetLastPInvokeError();
        }

        OcrMetrics.Record(OcrMetrics.StageDecode, decoding);
        if (pix.IsInvalid)
        {
            pix.Dispose();

            // Leptonica returns null both for a damaged image and for a failed allocation; errno tells them apart, and
            // in the sandbox a failed allocation is its address-space limit stopping a decompression bomb.
            throw errno == LeptonicaNative.OutOfMemoryErrno
                ? new DocumentRejectedException(DocumentRejectionKind.DecompressedTooLarge, string.Create(CultureInfo.InvariantCulture, $"decoding the image of page {image.PageNumber} ran out of memory: it needs more than the reader's memory limit allows"))
                : new DocumentRejectedException(DocumentRejectionKind.Damaged, string.Create(CultureInfo.InvariantCulture, $"the image of page {image.PageNumber} could not be decoded"));
        }

        if (image.Resolution > 0)
        {
            _ = LeptonicaNative.pixSetResolution(pix, image.Resolution, image.Resolution);
        }

        if (!_options.Deskew || image.Zones is { Count: > 0 })
        {
            return pix;
        }

        var deskewing = OcrMetrics.Start();
        var deskewed = LeptonicaNative.pixDeskew(pix, 0);
        OcrMetrics.Record(OcrMetrics.StageDeskew, deskewing);
        if (deskewed.IsInvalid)
        {
            deskewed.Dispose();
            return pix;
        }

        pix.Dispose();
        return deskewed;
    }

    private static DocumentRejectedException Timeout(int pageNumber, TimeSpan limit) =>
        new(DocumentRejectionKind.Timeout, string.Create(CultureInfo.InvariantCulture, $"OCR of page {pageNumber} took longer than its limit of {limit.TotalSeconds:0.#} s"));

    [UnmanagedCallersOnly]
    private static int ShouldCancel(IntPtr cancelThis, int words)
    {
        var state = (CancelState?)GCHandle.FromIntPtr(cancelThis).Target;
        return state is not null && state.Token.IsCancellationRequested ? 1 : 0;
    }

    private sealed record CancelState(CancellationToken Token);
}
