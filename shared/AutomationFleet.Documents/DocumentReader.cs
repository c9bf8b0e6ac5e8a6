using System.Globalization;
using AutomationFleet.Documents.Formats;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Documents.Pdf;

namespace AutomationFleet.Documents;

/// <summary>
/// Reads documents in this process: PDF text layers with PdfPig, scans and images with pooled Tesseract engines.
/// Limits are checked from headers before decoding. For trusted input and for the sandbox child itself: use
/// <see cref="Sandbox.DocumentReaderProcess"/> for untrusted files, as this reader parses and decodes them (native
/// Leptonica and Tesseract included) in the calling process, where a hang, crash or exploit would hurt the caller.
/// </summary>
public sealed class DocumentReader : IDocumentReader
{
    private readonly DocumentLimits _limits;
    private readonly OcrEnginePool _ocr;

    /// <summary>Creates a reader that parses PDFs in this process.</summary>
    /// <param name="limits">Limits for hostile input.</param>
    /// <param name="ocr">The shared OCR engine pool.</param>
    public DocumentReader(DocumentLimits limits, OcrEnginePool ocr)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(ocr);
        _limits = limits;
        _ocr = ocr;
    }

    /// <inheritdoc />
    public async Task<ReadDocument> ReadAsync(Stream content, string? nameOrMediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = await DocumentBytes.ReadAsync(content, _limits.MaxFileBytes, cancellationToken);
        return await ReadAsync(bytes, nameOrMediaType, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ReadDocument> ReadAsync(ReadOnlyMemory<byte> content, string? nameOrMediaType, CancellationToken cancellationToken)
    {
        DocumentBytes.CheckSize(content.Length, _limits.MaxFileBytes);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_limits.PerDocumentTimeout);
        var format = DocumentFormatDetector.Detect(content.Span, nameOrMediaType);
        try
        {
            return format switch
            {
                DocumentFormat.Pdf => await ReadPdfAsync(content, timeout.Token),
                DocumentFormat.Tiff or DocumentFormat.Png or DocumentFormat.Jpeg => await ReadImageAsync(content, format, timeout.Token),
                _ => throw new DocumentRejectedException(DocumentRejectionKind.UnsupportedFormat, "the file is not a PDF, TIFF, PNG or JPEG"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Reject(DocumentRejectionKind.Timeout, $"reading the document took longer than its limit of {_limits.PerDocumentTimeout.TotalSeconds:0.#} s");
        }
    }

    private async Task<ReadDocument> ReadPdfAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var extraction = await Task.Run(() => PdfTextExtractor.Extract(content, _limits, cancellationToken), cancellationToken);
        var pages = await Task.WhenAll(extraction.Pages.Select(page => page.TextPage is { } text
            ? Task.FromResult(text)
            : OcrPageAsync(page.Number, page.Images, cancellationToken)));
        return new ReadDocument(DocumentFormat.Pdf, pages);
    }

    private async Task<ReadDocument> ReadImageAsync(ReadOnlyMemory<byte> content, DocumentFormat format, CancellationToken cancellationToken)
    {
        var headers = ImageInspector.ReadHeaders(content.Span, format, _limits.MaxPages);
        if (headers.Count == 0)
        {
            throw Reject(DocumentRejectionKind.Damaged, $"the {format} image is damaged: its header cannot be read");
        }

        if (headers.Count > _limits.MaxPages)
        {
            throw Reject(DocumentRejectionKind.TooManyPages, $"the image has more than {_limits.MaxPages:N0} pages, the limit");
        }

        long decoded = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.Pixels > _limits.MaxPixelsPerPage)
            {
                throw Reject(
                    DocumentRejectionKind.TooManyPixels,
                    $"page {i + 1} is {header.Width:N0} x {header.Height:N0} pixels; the limit is {_limits.MaxPixelsPerPage / 1_000_000.0:0.#} megapixels");
            }

            decoded += header.DecodedBytes;
            if (decoded > _limits.MaxDecompressedBytes)
            {
                throw Reject(DocumentRejectionKind.DecompressedTooLarge, $"the image decodes to more than {_limits.MaxDecompressedBytes:N0} bytes (reached on page {i + 1})");
            }
        }

        var data = content.ToArray();
        var pages = await Task.WhenAll(headers.Select((_, i) =>
            _ocr.RecognizeAsync(new PageImage(i + 1, data, format == DocumentFormat.Tiff ? i : 0), _limits.PerPageTimeout, cancellationToken)));
        return new ReadDocument(format, pages);
    }

    private async Task<ReadPage> OcrPageAsync(int number, IReadOnlyList<PageImage> images, CancellationToken cancellationToken)
    {
        var parts = await Task.WhenAll(images.Select(image => _ocr.RecognizeAsync(image, _limits.PerPageTimeout, cancellationToken)));
        if (parts.Length == 1)
        {
            return parts[0];
        }

        // Several images on one page: their word boxes are in different images' pixels, so no single page image fits them.
        var words = parts.SelectMany(p => p.Words).ToList();
        return new ReadPage(
            number,
            PageSource.Ocr,
            string.Join("\n\n", parts.Select(p => p.Text)),
            words,
            parts.Average(p => p.MeanConfidence),
            parts[0].Width,
            parts[0].Height,
            PageUnit.Pixels);
    }

    private static DocumentRejectedException Reject(DocumentRejectionKind kind, FormattableString message) =>
        new(kind, message.ToString(CultureInfo.InvariantCulture));
}
