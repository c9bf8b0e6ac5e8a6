namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>The browser tests run one class at a time: each class has its own app and Chromium, and the machine is small.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChromiumCollection
{
    public const string Name = "Chromium";
}
