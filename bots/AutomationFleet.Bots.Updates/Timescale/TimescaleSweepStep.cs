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
/// unfinished item of a queue that sends <see cref="TouchPoint.TimescaleAtRisk"/> whose expected date falls within
/// <c>Updates:AtRiskWorkingDays</c> working days, or has passed, raises that touch point with a new date
/// <c>Updates:NewDateWorkingDays</c> working days after the expected date (after today for an overdue item), and the store
/// remembers the new date (<see cref="IUpdateStore.ReviseExpectedDateAsync"/>). The expected date is the latest such
/// revision, else <see cref="CaseTimescales"/> (its due date, else its service's working days after it was received), as
/// the status page shows it; so an item that misses its new date too is apologised to again, with a later date.
/// Days are counted on the fleet's one calendar (<see cref="WorkingDayCalendar"/>, extra bank holidays included).
/// Idempotent: the update's reference is per (item, new date), so however many sweeps run, an item gets one apology per date.
/// </summary>
/// <remarks>
/// The update is raised before the date is remembered. A crash in between leaves the update raised and the date
/// forgotten: the redo computes the same date (the same day) and raises nothing new, then remembers it. Only a redo on a
/// later working day for an overdue item computes a later date and sends a second apology, with the date the page shows.
/// The other order could remember a date the citizen was never sent.
/// </remarks>
public sealed class TimescaleSweepStep(
    IWorkQueue queue,
    IUpdateStore store,
    ItemUpdates updates,
    IOptions<UpdatesOptions> options,
    CaseTimescales timescales,
    TimeProvider timeProvider) : IDeliveryStep
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

    /// <summary>Only the sweep's own item: an update item skips this step without a ledger entry.</summary>
    public bool AppliesTo(ItemOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return IsSweep(outcome.OutcomeJson);
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
                var items = await queue.ListAsync(state, name, PerStateLimit, cancellationToken);
                var revised = await store.FindRevisedExpectedDatesAsync(
                    [.. items.Select(i => UpdateRequest.RootOf(i.Reference)).Distinct(StringComparer.Ordinal)], cancellationToken);
                foreach (var item in items)
                {
                    var root = UpdateRequest.RootOf(item.Reference);
                    // A due date moved later by staff after an apology counts: the later of the two is what the page shows.
                    var expected = timescales.ExpectedBy(item);
                    if (revised.TryGetValue(root, out var promised) && promised > expected)
                    {
                        expected = promised;
                    }

                    if (expected <= atRiskBy)
                    {
                        var newDate = calendar.AddWorkingDays(expected > today ? expected : today, _options.NewDateWorkingDays);
                        await updates.RaiseAsync(item, TouchPoint.TimescaleAtRisk, cancellationToken, newDate: newDate);
                        await store.ReviseExpectedDateAsync(root, newDate, cancellationToken);
                        raised++;
                    }
                }
            }
        }

        return JsonSerializer.Serialize(new { raised, atRiskBy });
    }
}
