using System.Globalization;
using AutomationFleet.Documents.Ocr;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// What the worker tells the sandbox child on its command line: the limits, the OCR settings and the child's own
/// resource limits. Only settings cross here, never a file's name or anything from a file (the command line is visible
/// to every local user in /proc); each document's detected format comes with the document (<see cref="SandboxFrames"/>).
/// </summary>
/// <param name="Limits">Document limits.</param>
/// <param name="Ocr">OCR engine settings.</param>
/// <param name="AddressSpaceBytes">RLIMIT_AS for the child.</param>
/// <param name="CpuSeconds">RLIMIT_CPU for each document the child reads (and for its start).</param>
/// <param name="DocumentsPerChild">The most documents the worker sends this child; bounds its CPU time budget for life.</param>
internal sealed record SandboxArguments(
    DocumentLimits Limits,
    OcrOptions Ocr,
    long AddressSpaceBytes,
    int CpuSeconds,
    int DocumentsPerChild)
{
    /// <summary>
    /// The child's hard RLIMIT_CPU, for its whole life: its start and every document at their full soft limit, plus
    /// one second. A child cannot raise a hard limit, so this is the most CPU a child can ever burn, even one that a
    /// hostile file took over and that raised its own soft limit.
    /// </summary>
    public ulong LifetimeCpuSeconds => ((ulong)CpuSeconds * ((ulong)DocumentsPerChild + 1)) + 1;

    public IEnumerable<string> ToCommandLine()
    {
        var ci = CultureInfo.InvariantCulture;
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
        yield return "--documents-per-child";
        yield return DocumentsPerChild.ToString(ci);
    }

    public static SandboxArguments Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var ci = CultureInfo.InvariantCulture;
        var limits = new DocumentLimits();
        var ocr = new OcrOptions();
        long addressSpace = 0;
        var cpuSeconds = 0;
        var documents = 0;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
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
                case "--documents-per-child": documents = int.Parse(value, ci); break;
                default: throw new ArgumentException($"Unknown sandbox argument {args[i]}.", nameof(args));
            }
        }

        if (addressSpace <= 0 || cpuSeconds <= 0 || documents <= 0)
        {
            throw new ArgumentException("The sandbox needs --address-space-bytes, --cpu-seconds and --documents-per-child.", nameof(args));
        }

        return new SandboxArguments(limits, ocr, addressSpace, cpuSeconds, documents);
    }
}
