using AutomationFleet.Core.Updates;

namespace AutomationFleet.Core.Tests.Updates;

public sealed class UpdateMeasuresTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public void From_ItemsThroughTwoQueues_CountsOnlyFinishedItemsAgainstEveryQueuesTouchPoints()
    {
        var options = new UpdatesOptions
        {
            Enabled = true,
            Queues =
            {
                ["post"] = new QueueUpdateOptions { TouchPoints = [TouchPoint.PassedToService] },
                ["forms"] = new QueueUpdateOptions { TouchPoints = [TouchPoint.Received, TouchPoint.TimescaleAtRisk, TouchPoint.Done] },
            },
        };
        UpdateRecord[] records =
        [
            // Handed from post to forms, every update sent (no apology needed): complete.
            new("a", "post", TouchPoint.PassedToService, Today.AddDays(-1), true),
            new("a", "forms", TouchPoint.Received, Today.AddDays(-1), true),
            new("a", "forms", TouchPoint.Done, Today, true),
            // Finished, but Received reserved and never sent (a kill, with a person): not complete.
            new("b", "forms", TouchPoint.Received, Today, false),
            new("b", "forms", TouchPoint.Done, Today, true),
            // Passed to a service by post alone (post sends no Done): finished and complete.
            new("c", "post", TouchPoint.PassedToService, Today, true),
            // Not finished yet: not counted.
            new("d", "forms", TouchPoint.Received, Today, true),
        ];

        var measures = UpdateMeasures.From(records, options, Today, 3);

        Assert.Equal((3, 2), (measures.FinishedItems, measures.ItemsWithEveryUpdate));
        Assert.Equal(2.0 / 3, measures.EveryUpdateShare);
        Assert.Equal([(Today.AddDays(-2), 0), (Today.AddDays(-1), 2), (Today, 4)], measures.SentPerDay);
    }
}
