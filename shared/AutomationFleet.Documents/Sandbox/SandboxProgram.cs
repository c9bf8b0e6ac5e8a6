using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The body of the AutomationFleet.Documents.Sandbox executable. It sets its own resource limits first, loads its OCR
/// engines and says so (<see cref="SandboxFrames"/>: the first response), then reads untrusted documents from stdin one
/// after another until stdin ends — each read completely here (PDF parsing with PdfPig, image headers, decoding and
/// OCR with Leptonica and Tesseract) and answered with a <see cref="SandboxResponse"/> on stdout. Its engines stay
/// loaded from one document to the next. Kept here so the protocol lives in one place with its other end,
/// <see cref="SandboxChild"/>.
/// </summary>
public static class SandboxProgram
{
    /// <summary>Exit code when the child could not set itself up (bad arguments, limits not applied, no OCR language):
    /// a fault of the installation, not of a document, so the worker retries the item instead of rejecting the file.</summary>
    internal const int SetupFailedExitCode = 70;

    /// <summary>Runs the sandbox; returns the process exit code (0 when stdin ended between documents).</summary>
    /// <param name="args">The settings written by <see cref="SandboxArguments.ToCommandLine"/>.</param>
    /// <param name="input">The documents (stdin).</param>
    /// <param name="output">Where the responses go (stdout).</param>
    /// <param name="errors">Where a set-up failure is explained (stderr).</param>
    public static int Run(string[] args, Stream input, Stream output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        SandboxArguments arguments;
        try
        {
            arguments = SandboxArguments.Parse(args);
            SandboxResourceLimits.Apply(arguments.AddressSpaceBytes, arguments.CpuSeconds, arguments.LifetimeCpuSeconds);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException or IOException)
        {
            errors.WriteLine(ex.Message);
            return SetupFailedExitCode;
        }

        using var self = Process.GetCurrentProcess();
        var startup = (TimeProvider.System.GetUtcNow() - self.StartTime.ToUniversalTime()).TotalMilliseconds;
        var stages = new ConcurrentQueue<SandboxStageTiming>();
        using var listener = ListenToOcrStages(stages);
        using var pool = new OcrEnginePool(arguments.Ocr);
        try
        {
            pool.StartEnginesAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException ex)
        {
            // A missing language model or the like: the worker reports it and stops, or retries the item.
            errors.WriteLine(ex.Message);
            return SetupFailedExitCode;
        }

        SandboxFrames.WriteResponse(output, new SandboxResponse(DocumentFormat.Unknown, [], null, null, Drain(stages), startup));
        var reader = new DocumentReader(arguments.Limits, pool);
        while (SandboxFrames.ReadRequest(input, arguments.Limits.MaxFileBytes) is { } request)
        {
            SandboxResourceLimits.StartDocument(arguments.CpuSeconds);
            var response = request.Rejection is { } rejected
                ? Rejected(rejected)
                : Read(reader, request.Format, request.Content!);
            SandboxFrames.WriteResponse(output, response with { Stages = Drain(stages) });
        }

        return 0;
    }

    private static SandboxResponse Read(DocumentReader reader, DocumentFormat format, byte[] content)
    {
        try
        {
            var document = reader.ReadAsync(content, MediaTypeOf(format), CancellationToken.None).GetAwaiter().GetResult();
            return new SandboxResponse(document.Format, document.Pages, null, null, null, 0);
        }
        catch (DocumentRejectedException ex)
        {
            return Rejected(ex);
        }
        catch (OutOfMemoryException)
        {
            return new SandboxResponse(
                DocumentFormat.Unknown,
                null,
                DocumentRejectionKind.DecompressedTooLarge,
                "reading the document ran out of the sandbox's memory limit",
                null,
                0);
        }
    }

    private static SandboxResponse Rejected(DocumentRejectedException ex) =>
        new(DocumentFormat.Unknown, null, ex.Kind, ex.Message, null, 0);

    private static List<SandboxStageTiming> Drain(ConcurrentQueue<SandboxStageTiming> stages)
    {
        var drained = new List<SandboxStageTiming>(stages.Count);
        while (stages.TryDequeue(out var stage))
        {
            drained.Add(stage);
        }

        return drained;
    }

    // The worker detected the format from the content or the file's name; the name itself never reaches the child.
    private static string? MediaTypeOf(DocumentFormat format) => format switch
    {
        DocumentFormat.Pdf => "application/pdf",
        DocumentFormat.Tiff => "image/tiff",
        DocumentFormat.Png => "image/png",
        DocumentFormat.Jpeg => "image/jpeg",
        _ => null,
    };

    private static MeterListener ListenToOcrStages(ConcurrentQueue<SandboxStageTiming> stages)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OcrMetrics.MeterName && instrument.Name == OcrMetrics.StageDurationName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: OcrMetrics.StageTag, Value: string stage })
                {
                    stages.Enqueue(new SandboxStageTiming(stage, value));
                }
            }
        });
        listener.Start();
        return listener;
    }
}
