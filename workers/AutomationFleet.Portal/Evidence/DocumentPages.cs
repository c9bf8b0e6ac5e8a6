using System.Globalization;
using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Portal.Evidence;

/// <summary>
/// The pages a bot's review form says it read (<see cref="ReviewView.Pages"/>), for the item page's document column:
/// which page images to draw over which attachment, and which blob hashes the page-image handler may serve.
/// </summary>
public sealed class DocumentPages(IReadOnlyList<ReviewPage> pages)
{
    public static DocumentPages None { get; } = new([]);

    /// <summary>The page images of attachment <paramref name="attachment"/> (1-based), in page order.</summary>
    public IReadOnlyList<(int Page, ReviewPageImage Image)> ImagesOf(int attachment) =>
        pages.Where(p => p.Attachment == attachment && p.Image is not null && IsBlobHash(p.Image.Hash))
            .Select(p => (p.Number, p.Image!))
            .ToList();

    /// <summary>True when an attachment has a page with no image to draw, or no pages listed: show the attachment itself.</summary>
    public bool HasPagesWithoutImage(int attachment) =>
        !pages.Any(p => p.Attachment == attachment) || pages.Any(p => p.Attachment == attachment && (p.Image is null || !IsBlobHash(p.Image.Hash)));

    /// <summary>
    /// True when <paramref name="hash"/> is the image of one of the pages (the only blobs the page-image handler
    /// serves). The form is trusted to name its own pages, not to name a safe blob: the hash's shape is checked here.
    /// </summary>
    public bool IsPageImage(string? hash) =>
        IsBlobHash(hash) && pages.Any(p => string.Equals(p.Image?.Hash, hash, StringComparison.Ordinal));

    /// <summary>An SVG attribute value (invariant culture, at most one decimal).</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static bool IsBlobHash(string? hash) => hash is { Length: 64 } && hash.All(char.IsAsciiHexDigitLower);
}
