using AutomationFleet.Documents.Pdf;

namespace AutomationFleet.Documents.Sandbox;

/// <summary>What the sandbox writes to stdout as JSON: the extraction, or why the PDF was rejected.</summary>
/// <param name="Extraction">The parsed pages, when parsing succeeded.</param>
/// <param name="RejectionKind">The kind of rejection, when it failed.</param>
/// <param name="RejectionReason">The reason, when it failed.</param>
internal sealed record SandboxResponse(PdfExtraction? Extraction, DocumentRejectionKind? RejectionKind, string? RejectionReason);
