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
/// unfinished item of a queue that sends <see cref="TouchPoint.TimescaleAtRisk"/>, due within
/// <c>Updates:AtRiskWorkingDays</c> working days (England and Wales: weekends and bank holidays skipped) or overdue,
/// raises that touch point with a new date <c>Updates:NewDateWorkingDays</c> working days after today. Idempotent: the
/// update's reference is per item, so an item is apologised to once whatever the number of sweeps.
/// </summary>
public sealed class TimescaleSweepStep(IWorkQueue queue, ItemUpdates updates, IOptions<UpdatesOptions> options, TimeProvider timeProvider) : IDeliveryStep
{
    /// <summary>The step's name.</summary>
    public const string StepName = "timescale-sweep";

    /// <summary>The payload's task.</summary>
    public const string Task = "timescale-sweep";

    private const int PerStateLimit = 5000;
    private static readonly WorkItemState[] Unfinished = [WorkItemState.New, WorkItemState.InProgress, WorkItemState.Retrying, WorkItemState.NeedsReview];
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
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

    /// <summary>The day <paramref name="workingDays"/> England and Wales working days after <paramref name="day"/>.</summary>
    public static DateOnly AddWorkingDays(DateOnly day, int workingDays)
    {
        while (workingDays > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EnglandAndWalesBankHolidays.IsBankHoliday(day))
            {
                workingDays--;
            }
        }

        return day;
    }

    /// <inheritdoc />
    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsSweep(context.Outcome.OutcomeJson))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), London).DateTime);
        var atRiskBy = AddWorkingDays(today, _options.AtRiskWorkingDays);
        var newDate = AddWorkingDays(today, _options.NewDateWorkingDays);
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
                    if (item.DueAt is { } due && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due, London).DateTime) <= atRiskBy)
                    {
                        await updates.RaiseAsync(item, TouchPoint.TimescaleAtRisk, cancellationToken, newDate: newDate);
                        raised++;
                    }
                }
            }
        }

        return JsonSerializer.Serialize(new { raised, atRiskBy, newDate });
    }
}
