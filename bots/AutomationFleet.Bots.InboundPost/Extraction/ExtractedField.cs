namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>One value found in a document, with how sure the extractor is and where it came from.</summary>
/// <param name="Kind">
/// What it is: one of <see cref="FieldKinds"/> for built-in kinds, or the <see cref="ReferencePattern.Name"/>
/// of the configured reference pattern that matched.
/// </param>
/// <param name="Value">The normalised value (postcode "AA9A 9AA", date "yyyy-MM-dd", phone in E.164, ...).</param>
/// <param name="RawText">The text exactly as it appears in the document.</param>
/// <param name="Confidence">0..1: the strength of the pattern times the OCR confidence of the words it spans.</param>
/// <param name="Start">Start of <paramref name="RawText"/> in <see cref="ExtractionInput.Text"/>.</param>
/// <param name="Length">Length of <paramref name="RawText"/>.</param>
/// <param name="Page">1-based page the value is on, when words were given and the span maps to them.</param>
/// <param name="Box">The value's box on <paramref name="Page"/> (the union of its words' boxes on that page).</param>
public sealed record ExtractedField(
    string Kind,
    string Value,
    string RawText,
    double Confidence,
    int Start,
    int Length,
    int? Page,
    BoundingBox? Box);
