namespace AutomationFleet.Architecture.Tests;

/// <summary>The top-level folder a project lives in; dependency rules are written in these terms.</summary>
public enum ProjectLayer
{
    Shared,
    Bots,
    Workers,
    Tests,

    /// <summary>Stand-ins for foreign systems (the sample case-management app): they use nothing of ours, and only tests use them.</summary>
    Samples,
}
