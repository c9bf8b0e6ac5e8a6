using AutomationFleet.Documents;

namespace AutomationFleet.Bots.InboundPost.Reading;

/// <summary>
/// One page of an item's text, numbered across all its attachments. <see cref="Source"/> is "Text" (a PDF text layer),
/// "Ocr" (a scan) or "Body" (a payload, plain-text or e-mail body). An OCR'd page carries its <see cref="Image"/>.
/// </summary>
public sealed record PostPage(int Number, int Attachment, string Source, string Text, IReadOnlyList<ReadWord> Words, double MeanConfidence)
{
    /// <summary>The page as the OCR saw it, stored in the blob store; null for text pages (or when none was kept).</summary>
    public PostPageImage? Image { get; init; }
}
