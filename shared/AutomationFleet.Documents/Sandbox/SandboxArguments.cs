using System.Globalization;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// What the worker tells the sandbox child on its command line: the document's detected format, the limits, the OCR
/// settings and the child's own resource limits. Only settings cross here, never the file's name or anything from
/// the file (the command line is visible to every local user in /proc).
/// </summary>
/// <param name="Format">The format the worker detected (the child checks the content again).</param>
/// <param name="Limits">Document limits.</param>
/// <param name="Ocr">OCR engine settings.</param>
/// <param name="AddressSpaceBytes">RLIMIT_AS for the child.</param>
/// <param name="CpuSeconds">RLIMIT_CPU for the child.</param>
/// <param name="CheckOnly">Start an OCR engine and answer with no pages, reading no input (the start-up check).</param>
internal sealed record SandboxArguments(
    DocumentFormat Format,
    DocumentLimits Limits,
    OcrOptions Ocr,
    long AddressSpaceBytes,
    int CpuSeconds,
    bool CheckOnly = false)
{
    public IEnumerable<string> ToCommandLine()
    {
        var ci = CultureInfo.InvariantCulture;
        yield return "--format";
        yield return Format.ToString();
        yield return "--max-file-bytes";
        yield return Limits.MaxFileBytes.ToString(ci);
        yield return "--max-pages";
        yield return Limits.MaxPages.ToString(ci);
        yield return "--max-pixels";
        yield return Limits.MaxPixelsPerPage.ToString(ci);
        yield return "--max-decompressed";
        yield return Limits.MaxDecompressedBytes.ToString(ci);
        yield return "--page-timeout-ms";
        yield return ((long)Limits.PerPageTimeout.TotalMilliseconds).ToString(ci);
        yield return "--document-timeout-ms";
        yield return ((long)Limits.PerDocumentTimeout.TotalMilliseconds).ToString(ci);
        yield return "--ocr-language";
        yield return Ocr.Language;
        if (Ocr.DataPath is { Length: > 0 } dataPath)
        {
            yield return "--ocr-data-path";
            yield return dataPath;
        }

        yield return "--ocr-psm";
        yield return Ocr.PageSegMode.ToString(ci);
        yield return "--ocr-deskew";
        yield return Ocr.Deskew ? "true" : "false";
        yield return "--ocr-page-image-width";
        yield return Ocr.PageImageMaxWidth.ToString(ci);
        yield return "--ocr-engines";
        yield return Ocr.MaxEngines.ToString(ci);
        yield return "--address-space-bytes";
        yield return AddressSpaceBytes.ToString(ci);
        yield return "--cpu-seconds";
        yield return CpuSeconds.ToString(ci);
        if (CheckOnly)
        {
            yield return "--check";
            yield return "true";
        }
    }

    public static SandboxArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var ci = CultureInfo.InvariantCulture;
        var format = DocumentFormat.Unknown;
        var limits = new DocumentLimits();
        var ocr = new OcrOptions();
        long addressSpace = 0;
        var cpuSeconds = 0;
        var check = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--format": format = Enum.Parse<DocumentFormat>(value); break;
                case "--max-file-bytes": limits.MaxFileBytes = long.Parse(value, ci); break;
                case "--max-pages": limits.MaxPages = int.Parse(value, ci); break;
                case "--max-pixels": limits.MaxPixelsPerPage = long.Parse(value, ci); break;
                case "--max-decompressed": limits.MaxDecompressedBytes = long.Parse(value, ci); break;
                case "--page-timeout-ms": limits.PerPageTimeout = TimeSpan.FromMilliseconds(long.Parse(value, ci)); break;
                case "--document-timeout-ms": limits.PerDocumentTimeout = TimeSpan.FromMilliseconds(long.Parse(value, ci)); break;
                case "--ocr-language": ocr.Language = value; break;
                case "--ocr-data-path": ocr.DataPath = value; break;
                case "--ocr-psm": ocr.PageSegMode = int.Parse(value, ci); break;
                case "--ocr-deskew": ocr.Deskew = bool.Parse(value); break;
                case "--ocr-page-image-width": ocr.PageImageMaxWidth = int.Parse(value, ci); break;
                case "--ocr-engines": ocr.MaxEngines = int.Parse(value, ci); break;
                case "--address-space-bytes": addressSpace = long.Parse(value, ci); break;
                case "--cpu-seconds": cpuSeconds = int.Parse(value, ci); break;
                case "--check": check = bool.Parse(value); break;
                default: throw new ArgumentException($"Unknown sandbox argument {args[i]}.", nameof(args));
            }
        }

        if (addressSpace <= 0 || cpuSeconds <= 0)
        {
            throw new ArgumentException("The sandbox needs --address-space-bytes and --cpu-seconds.", nameof(args));
        }

        return new SandboxArguments(format, limits, ocr, addressSpace, cpuSeconds, check);
    }
}
