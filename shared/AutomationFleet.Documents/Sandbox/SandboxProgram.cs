using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The body of the AutomationFleet.Documents.Sandbox executable. It sets its own resource limits first, then reads one
/// untrusted document from stdin (up to the file-size limit), reads it completely here — PDF parsing with PdfPig,
/// image headers, decoding and OCR with Leptonica and Tesseract — and writes a <see cref="SandboxResponse"/> as JSON to
/// stdout. Kept here so the protocol lives in one place with its other end, <see cref="SandboxProcess"/>.
/// </summary>
public static class SandboxProgram
{
    /// <summary>Exit code when the child could not set itself up (bad arguments, limits not applied): a fault of the
    /// installation, not of the document, so the worker retries the item instead of rejecting the file.</summary>
    internal const int SetupFailedExitCode = 70;

    /// <summary>Runs the sandbox; returns the process exit code (0 when a response was written).</summary>
    /// <param name="args">The settings written by <see cref="SandboxArguments.ToCommandLine"/>.</param>
    /// <param name="input">The document's bytes (stdin).</param>
    /// <param name="output">Where the JSON response goes (stdout).</param>
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
            SandboxResourceLimits.Apply(arguments.AddressSpaceBytes, arguments.CpuSeconds);
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
        SandboxResponse response;
        try
        {
            response = arguments.CheckOnly ? Check(arguments) : Read(arguments, input);
        }
        catch (InvalidOperationException ex) when (arguments.CheckOnly)
        {
            // The start-up check: a missing language model or the like, which the worker reports and stops on.
            errors.WriteLine(ex.Message);
            return SetupFailedExitCode;
        }

        JsonSerializer.Serialize(output, response with { Stages = [.. stages], StartupMilliseconds = startup }, SandboxJsonContext.Default.SandboxResponse);
        output.Flush();
        return 0;
    }

    private static SandboxResponse Check(SandboxArguments arguments)
    {
        using var pool = new OcrEnginePool(new OcrOptions { DataPath = arguments.Ocr.DataPath, Language = arguments.Ocr.Language, MaxEngines = 1 });
        pool.StartEnginesAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new SandboxResponse(DocumentFormat.Unknown, [], null, null, null, 0);
    }

    private static SandboxResponse Read(SandboxArguments arguments, Stream input)
    {
        try
        {
            var content = ReadInput(input, arguments.Limits.MaxFileBytes);
            using var pool = new OcrEnginePool(arguments.Ocr);
            var reader = new DocumentReader(arguments.Limits, pool);
            var document = reader.ReadAsync(content, MediaTypeOf(arguments.Format), CancellationToken.None).GetAwaiter().GetResult();
            return new SandboxResponse(document.Format, document.Pages, null, null, null, 0);
        }
        catch (DocumentRejectedException ex)
        {
            return new SandboxResponse(DocumentFormat.Unknown, null, ex.Kind, ex.Message, null, 0);
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

    private static ReadOnlyMemory<byte> ReadInput(Stream input, long maxFileBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxFileBytes)
            {
                throw new DocumentRejectedException(DocumentRejectionKind.FileTooLarge, "the file is over the size limit");
            }
        }

        return buffer.ToArray();
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
