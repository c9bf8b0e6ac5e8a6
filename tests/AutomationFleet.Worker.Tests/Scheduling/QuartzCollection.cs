namespace AutomationFleet.Worker.Tests.Scheduling;

/// <summary>Quartz allows one scheduler of a name per process, so tests that build one run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuartzCollection
{
    public const string Name = "Quartz scheduler";
}
