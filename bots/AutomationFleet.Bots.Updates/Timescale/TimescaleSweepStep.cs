using System.Text.Json;
using System.Text.Json.Nodes;
using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Updates.Timescale;

/// <summary>
/// The sweep the schedule <c>updates-timescale-sweep</c> enqueues (payload <c>{"task":"timescale-sweep"}</c>): every
/// unfinished item of a queue that sends <see cref="TouchPoint.TimescaleAtRisk"/> whose expected date
/// (<see cref="CaseTimescales"/>: its due date, else its service's working days after it was received, as the status page
/// shows it) falls within <c>Updates:AtRiskWorkingDays</c> working days, or has passed, raises that touch point with a
/// new date <c>Updates:NewDateWorkingDays</c> working days after the expected date (after today for an overdue item).
/// Days are counted on the fleet's one calendar (<see cref="WorkingDayCalendar"/>, extra bank holidays included).
/// Idempotent: the update's reference is per item, so an item is apologised to once whatever the number of sweeps.
/// </summary>
public sealed class TimescaleSweepStep(
    IWorkQueue queue, ItemUpdates updates, IOptions<UpdatesOptions> options, CaseTimescales timescales, TimeProvider timeProvider) : IDeliveryStep
{
    /// <summary>The step's name.</summary>
    public const string StepName = "timescale-sweep";

    /// <summary>The payload's task.</summary>
    public const string Task = "timescale-sweep";

    private const int PerStateLimit = 5000;
    private static readonly WorkItemState[] Unfinished = [WorkItemState.New, WorkItemState.InProgress, WorkItemState.Retrying, WorkItemState.NeedsReview];
    private readonly UpdatesOptions _options = options.Value;

    /// <inheritdoc />
    public string Name => StepName;

    /// <summary>True: raising a touch point twice enqueues once.</summary>
    public bool IsIdempotent => true;

    /// <inheritdoc />
    public string Pipeline => "delivery";

    /// <summary>Whether a payload is the sweep's.</summary>
    public static bool IsSweep(string? json)
    {
        try
        {
            return json is not null && JsonNode.Parse(json) is JsonObject payload && payload["task"] is JsonValue value
                && value.TryGetValue<string>(out var task) && task == Task;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsSweep(context.Outcome.OutcomeJson))
        {
            return null;
        }

        var calendar = timescales.Calendar;
        var today = calendar.LocalDay(timeProvider.GetUtcNow());
        var atRiskBy = calendar.AddWorkingDays(today, _options.AtRiskWorkingDays);
        var raised = 0;
        foreach (var (name, configured) in _options.Queues)
        {
            if (!configured.TouchPoints.Contains(TouchPoint.TimescaleAtRisk))
            {
                continue;
            }

            foreach (var state in Unfinished)
            {
                foreach (var item in await queue.ListAsync(state, name, PerStateLimit, cancellationToken))
                {
                    var expected = timescales.ExpectedBy(item);
                    if (expected <= atRiskBy)
                    {
                        var newDate = calendar.AddWorkingDays(expected > today ? expected : today, _options.NewDateWorkingDays);
                        await updates.RaiseAsync(item, TouchPoint.TimescaleAtRisk, cancellationToken, newDate: newDate);
                        raised++;
                    }
                }
            }
        }

        return JsonSerializer.Serialize(new { raised, atRiskBy });
    }
}
