using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Storage.Tests.WorkItems;

public sealed class WorkItemTransitionsTests
{
    public static TheoryData<WorkItemState, WorkItemState, bool> Moves()
    {
        var allowed = new HashSet<(WorkItemState, WorkItemState)>
        {
            (WorkItemState.New, WorkItemState.InProgress), (WorkItemState.New, WorkItemState.Cancelled),
            (WorkItemState.InProgress, WorkItemState.InProgress), (WorkItemState.InProgress, WorkItemState.New),
            (WorkItemState.InProgress, WorkItemState.Completed), (WorkItemState.InProgress, WorkItemState.NeedsReview),
            (WorkItemState.InProgress, WorkItemState.BusinessException), (WorkItemState.InProgress, WorkItemState.Retrying),
            (WorkItemState.InProgress, WorkItemState.DeadLettered), (WorkItemState.InProgress, WorkItemState.Cancelled),
            (WorkItemState.Retrying, WorkItemState.InProgress), (WorkItemState.Retrying, WorkItemState.Cancelled),
            (WorkItemState.NeedsReview, WorkItemState.New), (WorkItemState.NeedsReview, WorkItemState.NeedsReview),
            (WorkItemState.NeedsReview, WorkItemState.BusinessException), (WorkItemState.NeedsReview, WorkItemState.Cancelled),
            (WorkItemState.DeadLettered, WorkItemState.New), (WorkItemState.DeadLettered, WorkItemState.Cancelled),
        };
        var data = new TheoryData<WorkItemState, WorkItemState, bool>();
        foreach (var from in Enum.GetValues<WorkItemState>())
        {
            foreach (var to in Enum.GetValues<WorkItemState>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void IsAllowed_EveryPairOfStates_MatchesTheDesignedTable(WorkItemState from, WorkItemState to, bool expected)
    {
        Assert.Equal(expected, WorkItemTransitions.IsAllowed(from, to));
        if (expected)
        {
            WorkItemTransitions.EnsureAllowed("REF", from, to);
        }
        else
        {
            var error = Assert.Throws<InvalidStateTransitionException>(() => WorkItemTransitions.EnsureAllowed("REF", from, to));
            Assert.Equal((from, to), (error.From, error.To));
        }
    }

    [Theory]
    [InlineData(WorkItemState.Completed)]
    [InlineData(WorkItemState.BusinessException)]
    [InlineData(WorkItemState.Cancelled)]
    public void IsTerminal_TerminalStates_True(WorkItemState state) => Assert.True(WorkItemTransitions.IsTerminal(state));
}
