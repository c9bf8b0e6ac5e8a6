namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>What the extractor reads: a document's text and, when known, the words it was built from.</summary>
/// <param name="Text">The document's text in reading order.</param>
/// <param name="Words">
/// The words of <paramref name="Text"/> in the same order, with page, box and OCR confidence; null when the
/// text has no page geometry (an e-mail body, for example).
/// </param>
public sealed record ExtractionInput(string Text, IReadOnlyList<SourceWord>? Words = null);
