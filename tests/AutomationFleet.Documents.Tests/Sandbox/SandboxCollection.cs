namespace AutomationFleet.Documents.Tests.Sandbox;

/// <summary>
/// Test classes that start sandbox children run one after another: they assert from /proc that no child of this
/// process is left, which another class's running child would break.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection
{
    public const string Name = "sandbox children";
}
