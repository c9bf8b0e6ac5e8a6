using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Documents;

/// <summary>Limits that keep hostile or broken input from exhausting a worker. Checked before the expensive work.</summary>
public sealed class DocumentLimits
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Documents";

    /// <summary>Largest file accepted, in bytes. Default 50 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most pages accepted in one document. Default 200.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPages { get; set; } = 200;

    /// <summary>Largest page image, in pixels (width x height), read from the header before decoding. Default 100 megapixels.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixelsPerPage { get; set; } = 100_000_000;

    /// <summary>
    /// Most bytes the decoded images of one document may take (width x height x bits per pixel / 8, summed over the
    /// pages, computed from headers before decoding). Default 1 GB.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Longest OCR of one page (Tesseract's deadline). Default 60 s.</summary>
    public TimeSpan PerPageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest read of one document, including PDF parsing in the sandbox. Default 5 minutes.</summary>
    public TimeSpan PerDocumentTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
