namespace AutomationFleet.Documents.Sandbox;

/// <summary>One OCR stage measured inside the sandbox child, sent back so the worker's metrics still show where a page's time goes.</summary>
/// <param name="Stage">An <see cref="Ocr.OcrMetrics"/> stage name.</param>
/// <param name="Milliseconds">How long it took.</param>
internal sealed record SandboxStageTiming(string Stage, double Milliseconds);
