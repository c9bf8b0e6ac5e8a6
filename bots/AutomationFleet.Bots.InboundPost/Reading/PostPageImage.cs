using AutomationFleet.Documents;

namespace AutomationFleet.Bots.InboundPost.Reading;

/// <summary>
/// The PNG of an OCR'd page as the OCR saw it, kept in the blob store under <see cref="ContentHash"/>, and how its
/// pixels relate to the page's word boxes (pixels of the full-size deskewed image).
/// </summary>
public sealed record PostPageImage(string ContentHash, int Width, int Height, double ScaleX, double ScaleY)
{
    public const string MediaType = "image/png";

    /// <summary>A word box of the page in this image's pixels.</summary>
    public ImageBox Map(WordBox box) => new(
        Math.Round(box.Left * ScaleX, 1),
        Math.Round(box.Top * ScaleY, 1),
        Math.Round((box.Right - box.Left) * ScaleX, 1),
        Math.Round((box.Bottom - box.Top) * ScaleY, 1));
}

/// <summary>A rectangle in a page image's pixels, as an SVG <c>rect</c> takes it.</summary>
public sealed record ImageBox(double X, double Y, double Width, double Height);
