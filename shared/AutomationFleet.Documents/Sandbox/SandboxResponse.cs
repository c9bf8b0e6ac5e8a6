namespace AutomationFleet.Documents.Sandbox;

/// <summary>What the sandbox writes to stdout as JSON: the read pages, or why the document was rejected.</summary>
/// <param name="Format">What the content turned out to be.</param>
/// <param name="Pages">The pages read (text layer or OCR, with page images), when reading succeeded.</param>
/// <param name="RejectionKind">The kind of rejection, when it failed.</param>
/// <param name="RejectionReason">The reason, when it failed (never the file's name or content).</param>
/// <param name="Stages">The OCR stage timings measured in the child.</param>
/// <param name="StartupMilliseconds">From the child process's start until it began work (runtime start-up).</param>
internal sealed record SandboxResponse(
    DocumentFormat Format,
    IReadOnlyList<ReadPage>? Pages,
    DocumentRejectionKind? RejectionKind,
    string? RejectionReason,
    IReadOnlyList<SandboxStageTiming>? Stages,
    double StartupMilliseconds);
