using System.Diagnostics.Metrics;
using AutomationFleet.Core.Metrics;

namespace AutomationFleet.Documents.Ocr;

/// <summary>
/// Where a page's OCR time goes: the histogram <see cref="StageDurationName"/> (a <see cref="StageDurations"/>: milliseconds, one
/// measurement per stage per page, tagged <see cref="StageTag"/> with one of the <c>Stage*</c> names) on the
/// <see cref="Meter"/> named <see cref="MeterName"/>. Read it with a <see cref="MeterListener"/> (the inbound-post
/// benchmark does) or OpenTelemetry's <c>AddMeter</c>. With nobody listening a measurement costs one timestamp.
/// </summary>
public static class OcrMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "AutomationFleet.Documents";

    /// <summary>The histogram's name.</summary>
    public const string StageDurationName = "documents.ocr.stage.duration";

    /// <summary>The tag naming the stage (<see cref="StageDurations.StageTag"/>).</summary>
    public const string StageTag = StageDurations.StageTag;

    /// <summary>From asking the pool for an engine until one starts on the page (pool full, thread-pool start).</summary>
    public const string StageEngineWait = "engine wait";

    /// <summary>Creating and initialising a Tesseract engine (loading the language model); once per engine.</summary>
    public const string StageEngineStart = "engine start";

    /// <summary>Leptonica decoding the encoded image into a Pix.</summary>
    public const string StageDecode = "decode";

    /// <summary>Leptonica <c>pixDeskew</c>.</summary>
    public const string StageDeskew = "deskew";

    /// <summary><c>TessBaseAPIRecognize</c>: layout analysis and recognition.</summary>
    public const string StageRecognize = "recognize";

    /// <summary>The page's text and mean confidence from the recognised page.</summary>
    public const string StageText = "text";

    /// <summary>Iterating the words for their text, confidence and box.</summary>
    public const string StageWords = "word boxes";

    /// <summary>Rendering and PNG-encoding the page image (<see cref="OcrOptions.PageImageMaxWidth"/>), on its own thread while the page is recognised.</summary>
    public const string StagePageImage = "page image";

    /// <summary>A whole document in the sandbox child, from starting the process until its answer is read (worker side).</summary>
    public const string StageSandbox = "sandbox";

    /// <summary>The sandbox child's runtime start-up, from its process start until it begins reading (once per document).</summary>
    public const string StageSandboxStart = "sandbox start";

    private static readonly StageDurations Stages = new(new Meter(MeterName), StageDurationName, "Time per OCR stage per page.");

    /// <summary>A timestamp to pass to <see cref="Record"/>.</summary>
    internal static long Start() => StageDurations.Start();

    /// <summary>Records the time since <paramref name="started"/> for <paramref name="stage"/>, when anyone listens.</summary>
    internal static void Record(string stage, long started) => Stages.Record(stage, started);

    /// <summary>Records a duration measured in the sandbox child for <paramref name="stage"/>, when anyone listens.</summary>
    internal static void RecordMilliseconds(string stage, double milliseconds) => Stages.RecordMilliseconds(stage, milliseconds);
}
