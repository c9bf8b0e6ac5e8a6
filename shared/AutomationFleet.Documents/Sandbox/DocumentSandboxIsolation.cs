namespace AutomationFleet.Documents.Sandbox;

/// <summary>
/// What the document sandbox's boundary is on this machine, found once when the reader is created: whether the child
/// gets a network namespace of its own, which user it runs as, and what is weaker than it should be (warnings, logged
/// once at start-up) or missing so that the sandbox refuses to run (errors, which stop start-up).
/// </summary>
/// <param name="NetworkIsolated">The child runs in a network namespace of its own (no interfaces but a down loopback).</param>
/// <param name="RunAsUser">The user the child runs as; null when it runs as the worker's own user.</param>
/// <param name="Warnings">What is weaker than it should be, one sentence each.</param>
/// <param name="Errors">Why the sandbox cannot run as configured, one sentence each, naming the setting.</param>
public sealed record DocumentSandboxIsolation(bool NetworkIsolated, string? RunAsUser, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors);
