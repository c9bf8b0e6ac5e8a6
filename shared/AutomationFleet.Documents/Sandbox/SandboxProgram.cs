using System.Globalization;
using System.Text.Json;
using AutomationFleet.Documents.Pdf;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// The body of the AutomationFleet.Documents.Sandbox executable: reads a PDF from stdin, parses it with limits from
/// the arguments, writes a <see cref="SandboxResponse"/> as JSON to stdout. Kept here so the protocol lives in one place.
/// </summary>
public static class SandboxProgram
{
    /// <summary>Runs the sandbox; returns the process exit code (0 when a response was written).</summary>
    /// <param name="args">--max-file-bytes N --max-pages N --max-pixels N --max-decompressed N.</param>
    /// <param name="input">The PDF bytes (stdin).</param>
    /// <param name="output">Where the JSON response goes (stdout).</param>
    public static int Run(string[] args, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        SandboxResponse response;
        try
        {
            var limits = ParseLimits(args);
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            if (buffer.Length > limits.MaxFileBytes)
            {
                throw new DocumentRejectedException(DocumentRejectionKind.FileTooLarge, "the file is over the size limit");
            }

            var extraction = PdfTextExtractor.Extract(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), limits, CancellationToken.None);
            response = new SandboxResponse(extraction, null, null);
        }
        catch (DocumentRejectedException ex)
        {
            response = new SandboxResponse(null, ex.Kind, ex.Message);
        }
        catch (OutOfMemoryException)
        {
            response = new SandboxResponse(null, DocumentRejectionKind.DecompressedTooLarge, "parsing the PDF ran out of the sandbox's memory limit");
        }

        JsonSerializer.Serialize(output, response, SandboxJsonContext.Default.SandboxResponse);
        output.Flush();
        return 0;
    }

    internal static IEnumerable<string> FormatArguments(DocumentLimits limits) =>
    [
        "--max-file-bytes", limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture),
        "--max-pages", limits.MaxPages.ToString(CultureInfo.InvariantCulture),
        "--max-pixels", limits.MaxPixelsPerPage.ToString(CultureInfo.InvariantCulture),
        "--max-decompressed", limits.MaxDecompressedBytes.ToString(CultureInfo.InvariantCulture),
    ];

    private static DocumentLimits ParseLimits(string[] args)
    {
        var limits = new DocumentLimits();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--max-file-bytes": limits.MaxFileBytes = value; break;
                case "--max-pages": limits.MaxPages = (int)value; break;
                case "--max-pixels": limits.MaxPixelsPerPage = value; break;
                case "--max-decompressed": limits.MaxDecompressedBytes = value; break;
                default: throw new ArgumentException($"Unknown sandbox argument {args[i]}.", nameof(args));
            }
        }

        return limits;
    }
}
