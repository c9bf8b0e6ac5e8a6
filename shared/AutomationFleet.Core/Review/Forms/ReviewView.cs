namespace AutomationFleet.Core.Review.Forms;

/// <summary>What the portal shows of one task beyond the document: evidence tables, then the correction form.</summary>
/// <param name="Evidence">Evidence tables, in the order shown.</param>
/// <param name="Correction">The fields of the correction form; empty when the bot's outcomes cannot be corrected, only approved or rejected.</param>
/// <param name="Alerts">Warnings shown above the evidence (e.g. a possible safeguarding concern).</param>
public sealed record ReviewView(
    IReadOnlyList<EvidenceTable> Evidence,
    IReadOnlyList<CorrectionField> Correction,
    IReadOnlyList<string>? Alerts = null);

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
