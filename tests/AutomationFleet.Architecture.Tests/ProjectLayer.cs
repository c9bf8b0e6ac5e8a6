namespace AutomationFleet.Architecture.Tests;

/// <summary>The top-level folder a project lives in; dependency rules are written in these terms.</summary>
public enum ProjectLayer
{
    Shared,
    Bots,
    Workers,
    Tests,
}
