namespace AutomationFleet.Core.Review.Forms;

/// <summary>What the portal shows of one task beyond the document: evidence tables, then the correction form.</summary>
/// <param name="Evidence">Evidence tables, in the order shown.</param>
/// <param name="Correction">The fields of the correction form; empty when the bot's outcomes cannot be corrected, only approved or rejected.</param>
/// <param name="Alerts">Warnings shown above the evidence (e.g. a possible safeguarding concern).</param>
/// <param name="Pages">
/// The pages of the item's attachments as the bot read them, for the document column: an OCR'd page's image with the
/// bot's marks on it (e.g. the words it was unsure of). Optional: without it (or for an attachment it lists no page of)
/// the portal shows the attachment itself.
/// </param>
public sealed record ReviewView(
    IReadOnlyList<EvidenceTable> Evidence,
    IReadOnlyList<CorrectionField> Correction,
    IReadOnlyList<string>? Alerts = null,
    IReadOnlyList<ReviewPage>? Pages = null);

/// <summary>One page of an attachment as the bot read it.</summary>
/// <param name="Attachment">Which of the item's attachments (1-based, in the work item's order).</param>
/// <param name="Number">The page number, as the bot counts pages.</param>
/// <param name="Image">The page's image, or null when the bot kept none (a text page): the portal then shows the attachment.</param>
public sealed record ReviewPage(int Attachment, int Number, ReviewPageImage? Image);

/// <summary>
/// An image of a page in the blob store (a PNG), with marks drawn over it. The portal serves only images a form
/// names, under the same grant check and audit as the attachment.
/// </summary>
/// <param name="Hash">The image's content hash in the blob store (SHA-256, 64 lower-case hex digits).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Marks">Rectangles to outline, in the image's pixels.</param>
/// <param name="Note">A sentence on what is marked (e.g. "3 words of low confidence are outlined."); optional.</param>
public sealed record ReviewPageImage(string Hash, int Width, int Height, IReadOnlyList<ReviewPageMark> Marks, string? Note = null);

/// <summary>A rectangle outlined on a page image, in the image's pixels, and what it is (shown as its tooltip).</summary>
public sealed record ReviewPageMark(double X, double Y, double Width, double Height, string Title);

/// <summary>One table of evidence: a title, column headings and rows of text.</summary>
/// <param name="Id">The table's HTML id (lower-case, hyphenated), for people who script the page and for tests.</param>
/// <param name="Title">The heading above it.</param>
/// <param name="Columns">Column headings.</param>
/// <param name="Rows">Rows, each with one cell a column.</param>
/// <param name="Note">A sentence under the table (e.g. what the numbers mean); optional.</param>
public sealed record EvidenceTable(
    string Id,
    string Title,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string? Note = null);

/// <summary>How a correction field is entered.</summary>
public enum CorrectionFieldKind
{
    /// <summary>Free text on one line.</summary>
    Text,

    /// <summary>One of a long list, as a drop-down.</summary>
    Select,

    /// <summary>One of a few, as radio buttons with their details beside them.</summary>
    Radio,
}

/// <summary>One field of a correction form.</summary>
/// <param name="Name">The name its value is submitted under (also its HTML id).</param>
/// <param name="Label">What the reviewer reads.</param>
/// <param name="Kind">Text, drop-down or radio buttons.</param>
/// <param name="Value">The prefilled value (the bot's proposal); for a choice, the chosen choice's value.</param>
/// <param name="Choices">The choices of a <see cref="CorrectionFieldKind.Select"/> or <see cref="CorrectionFieldKind.Radio"/> field.</param>
/// <param name="Help">A sentence on how to fill it in; optional.</param>
public sealed record CorrectionField(
    string Name,
    string Label,
    CorrectionFieldKind Kind,
    string? Value,
    IReadOnlyList<CorrectionChoice> Choices,
    string? Help = null);

/// <summary>One choice of a field: the value submitted, its label, and details shown beside it.</summary>
public sealed record CorrectionChoice(string Value, string Label, string? Detail = null);

/// <summary>A reviewer's correction as the bot reads it: the corrected outcome and its category.</summary>
public sealed record ReviewCorrection(string OutcomeJson, string? Category);

/// <summary>The submitted values do not make an outcome; the message tells the reviewer what to change.</summary>
public sealed class ReviewFormException(string message) : Exception(message);
