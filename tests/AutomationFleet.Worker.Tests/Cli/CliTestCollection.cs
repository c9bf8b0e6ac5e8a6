namespace AutomationFleet.Worker.Tests.Cli;

/// <summary>
/// CLI tests run one at a time, apart from other collections: Quartz keeps schedulers in a process-wide
/// repository keyed by the fleet's fixed scheduler name, so two in-process schedulers over different temp
/// databases at the same moment would be handed the same instance.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliTestCollection
{
    public const string Name = "fleet CLI";
}
