using AutomationFleet.Core.Incidents;

namespace AutomationFleet.Core.Tests.Incidents;

public sealed class IncidentTransitionsTests
{
    [Fact]
    public void AllocationTarget_PersonOrQueue()
    {
        Assert.Equal(IncidentState.Allocated, IncidentTransitions.AllocationTarget("ann"));
        Assert.Equal(IncidentState.Open, IncidentTransitions.AllocationTarget(null));
    }

    [Fact]
    public void EnsureAllocation_OpenToAnotherTeamsQueue_NotAStateChangeSoAllowed() =>
        IncidentTransitions.EnsureAllocation("inc-1", IncidentState.Open, IncidentState.Open);

    [Theory]
    [InlineData(IncidentState.Closed, IncidentState.Open)]
    [InlineData(IncidentState.Closed, IncidentState.Allocated)]
    [InlineData(IncidentState.Resolved, IncidentState.Allocated)]
    public void EnsureAllocation_FinishedIncident_Throws(IncidentState from, IncidentState to) =>
        Assert.Throws<InvalidIncidentTransitionException>(() => IncidentTransitions.EnsureAllocation("inc-1", from, to));

    [Fact]
    public void EnsureDirectTarget_Allocated_ThrowsUseAllocate() =>
        Assert.Throws<ArgumentException>(() => IncidentTransitions.EnsureDirectTarget(IncidentState.Allocated));

    [Fact]
    public void EnsureDirectTarget_UnknownState_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IncidentTransitions.EnsureDirectTarget((IncidentState)42));

    [Theory]
    [InlineData("ann", "", "team roads, assignee ann")]
    [InlineData(null, "nearest depot", "team roads, queue; nearest depot")]
    public void AllocationDetail_WhoHoldsItThenWhy(string? assignee, string detail, string expected) =>
        Assert.Equal(expected, IncidentActions.AllocationDetail("roads", assignee, detail));
}
