using System.Globalization;
using System.Text;
using AutomationFleet.Documents.Ocr;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace AutomationFleet.Documents.Pdf;

/// <summary>
/// Parses a PDF in the current process with PdfPig: pages with a text layer become text in reading order
/// (nearest-neighbour words, Docstrum blocks, unsupervised reading order); image-only pages yield their images for
/// OCR. Untrusted PDFs should go through <c>DocumentReaderProcess</c>, which runs this in a child process.
/// </summary>
internal static class PdfTextExtractor
{
    /// <summary>Pages with fewer visible letters than this are treated as scans when they hold an image.</summary>
    public const int MinTextLetters = 10;

    /// <summary>Images smaller than this (pixels) are logos or rules, not page scans.</summary>
    private const long MinOcrPixels = 64 * 64;

    public static PdfExtraction Extract(ReadOnlyMemory<byte> pdf, DocumentLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            using var document = PdfDocument.Open(pdf.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.NumberOfPages > limits.MaxPages)
            {
                throw Reject(DocumentRejectionKind.TooManyPages, $"the PDF has {document.NumberOfPages:N0} pages; the limit is {limits.MaxPages:N0}");
            }

            if (document.NumberOfPages == 0)
            {
                throw new DocumentRejectedException(DocumentRejectionKind.Damaged, "the PDF has no pages");
            }

            var pages = new List<PdfExtractedPage>(document.NumberOfPages);
            long decodedBytes = 0;
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = document.GetPage(number);
                var visibleLetters = page.Letters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
                var images = visibleLetters < MinTextLetters ? ScanImages(page, limits, ref decodedBytes) : [];
                pages.Add(images.Count > 0
                    ? new PdfExtractedPage(number, null, images)
                    : new PdfExtractedPage(number, ReadTextLayer(page), []));
            }

            return new PdfExtraction(pages);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentRejectedException(DocumentRejectionKind.Encrypted, "the PDF is encrypted and needs a password", ex);
        }
        catch (PdfDocumentStackDepthException ex)
        {
            throw new DocumentRejectedException(DocumentRejectionKind.Damaged, "the PDF is nested too deeply to parse safely", ex);
        }
        catch (Exception ex) when (ex is not DocumentRejectedException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentRejectedException(DocumentRejectionKind.Damaged, "not a readable PDF: " + ex.Message, ex);
        }
    }

    private static ReadPage ReadTextLayer(Page page)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters).Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks).OrderBy(b => b.ReadingOrder);
        var text = new StringBuilder();
        var readWords = new List<ReadWord>(words.Count);
        foreach (var block in ordered)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            var firstLine = true;
            foreach (var line in block.TextLines)
            {
                if (!firstLine)
                {
                    text.Append('\n');
                }

                firstLine = false;
                text.Append(string.Join(' ', line.Words.Select(w => w.Text)));
                readWords.AddRange(line.Words.Select(w => new ReadWord(w.Text, 1.0, ToTopLeft(w.BoundingBox, page.Height))));
            }
        }

        return new ReadPage(page.Number, PageSource.Text, text.ToString(), readWords, 1.0, page.Width, page.Height, PageUnit.Points);
    }

    private static WordBox ToTopLeft(PdfRectangle box, double pageHeight) =>
        new(box.Left, pageHeight - box.Top, box.Right, pageHeight - box.Bottom);

    private static List<PageImage> ScanImages(Page page, DocumentLimits limits, ref long decodedBytes)
    {
        var result = new List<PageImage>();
        foreach (var image in page.GetImages().OrderByDescending(i => i.BoundingBox.Top))
        {
            var width = image.WidthInSamples;
            var height = image.HeightInSamples;
            var pixels = (long)width * height;
            if (pixels > limits.MaxPixelsPerPage)
            {
                throw Reject(
                    DocumentRejectionKind.TooManyPixels,
                    $"page {page.Number} holds an image of {width:N0} x {height:N0} pixels; the limit is {limits.MaxPixelsPerPage / 1_000_000.0:0.#} megapixels");
            }

            if (pixels < MinOcrPixels || image.IsInlineImage)
            {
                continue;
            }

            var components = Math.Max(1, image.ColorSpaceDetails?.NumberOfColorComponents ?? 1);
            decodedBytes += (((long)width * Math.Max(1, image.BitsPerComponent) * components) + 7) / 8 * height;
            if (decodedBytes > limits.MaxDecompressedBytes)
            {
                throw Reject(
                    DocumentRejectionKind.DecompressedTooLarge,
                    $"the PDF's images decode to more than {limits.MaxDecompressedBytes:N0} bytes (reached on page {page.Number})");
            }

            result.Add(new PageImage(page.Number, Encode(image, page.Number, width, height), 0, Resolution(image, width)));
        }

        return result;
    }

    private static byte[] Encode(IPdfImage image, int pageNumber, int width, int height)
    {
        var filters = FilterNames(image.ImageDictionary);
        if (filters is ["CCITTFaxDecode" or "CCF"])
        {
            var parms = DecodeParms(image.ImageDictionary);
            var k = Int(parms, "K", 0);
            var blackIs1 = Bool(parms, "BlackIs1");
            var decodeInverted = image.Decode.Count >= 2 && image.Decode[0] > image.Decode[1];
            var rows = Int(parms, "Rows", height);
            return CcittTiffWriter.Wrap(image.RawMemory.Span, Int(parms, "Columns", width), rows > 0 ? rows : height, k, Bool(parms, "EncodedByteAlign"), blackIs1 ^ decodeInverted);
        }

        if (filters is ["DCTDecode" or "DCT"] or ["JPXDecode"])
        {
            return image.RawMemory.ToArray();
        }

        if (filters.Any(f => f is "JBIG2Decode"))
        {
            throw Reject(DocumentRejectionKind.Damaged, $"page {pageNumber} is a JBIG2 scan, which this reader cannot decode");
        }

        return image.TryGetPng(out var png) ? png : throw Reject(DocumentRejectionKind.Damaged, $"the image on page {pageNumber} could not be decoded");
    }

    private static int Resolution(IPdfImage image, int width)
    {
        var inches = image.BoundingBox.Width / 72.0;
        var ppi = inches > 0 ? (int)Math.Round(width / inches) : 0;
        return ppi is >= 50 and <= 2400 ? ppi : 0;
    }

    private static List<string> FilterNames(DictionaryToken dictionary) => Get<IToken>(dictionary, "Filter") switch
    {
        NameToken name => [name.Data],
        ArrayToken array => array.Data.OfType<NameToken>().Select(n => n.Data).ToList(),
        _ => [],
    };

    private static DictionaryToken? DecodeParms(DictionaryToken dictionary) => Get<IToken>(dictionary, "DecodeParms") switch
    {
        DictionaryToken parms => parms,
        ArrayToken array => array.Data.OfType<DictionaryToken>().FirstOrDefault(),
        _ => null,
    };

    private static int Int(DictionaryToken? parms, string key, int fallback) =>
        Get<NumericToken>(parms, key) is { } n ? n.Int : fallback;

    private static bool Bool(DictionaryToken? parms, string key) =>
        Get<BooleanToken>(parms, key) is { Data: true };

    private static T? Get<T>(DictionaryToken? dictionary, string key)
        where T : class, IToken =>
        dictionary is not null && dictionary.TryGet(NameToken.Create(key), out var token) ? token as T : null;

    private static DocumentRejectedException Reject(DocumentRejectionKind kind, FormattableString message) =>
        new(kind, message.ToString(CultureInfo.InvariantCulture));
}
