using AutomationFleet.Core.Calendar;

namespace AutomationFleet.Bots.IncidentReports.Allocation;

/// <summary>
/// Deadlines on two calendars. Clock hours: the received instant plus that many hours of elapsed time (a night when
/// the clocks change is still 24 hours). Working days: the end of office hours (local time) on the Nth England and
/// Wales working day after the day it was received, skipping weekends, bank holidays and closure days. The end of
/// office hours, not the same time of day, so "5 working days" always means five full days whatever time it arrived.
/// </summary>
public sealed class DeadlineCalculator(OutOfHoursPolicy policy)
{
    public Deadline Calculate(IncidentSeverity severity, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(severity);
        DateTimeOffset at;
        string explanation;
        if (severity.Hours is { } hours)
        {
            at = receivedAt.AddHours(hours);
            explanation = $"Deadline: {hours} clock hours after it was received ({policy.Describe(receivedAt)}), so {policy.Describe(at)}.";
        }
        else
        {
            var days = severity.WorkingDays ?? 0;
            var day = DateOnly.FromDateTime(policy.ToLocal(receivedAt).DateTime);
            var skipped = new List<DateOnly>();
            for (var counted = 0; counted < days;)
            {
                day = day.AddDays(1);
                if (policy.IsWorkingDay(day))
                {
                    counted++;
                }
                else if (policy.IsClosedDay(day))
                {
                    skipped.Add(day);
                }
            }

            at = policy.FromLocal(day, policy.OfficeHours.End);
            var holidays = skipped.Count == 0
                ? "no bank holidays or closure days on the way"
                : $"skipping {string.Join(", ", skipped.Select(d => d.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture) + (EnglandAndWalesBankHolidays.IsBankHoliday(d) ? " (bank holiday)" : " (closure day)")))}";
            explanation = $"Deadline: the end of office hours on the {days}th England and Wales working day after the day it was received, weekends skipped and {holidays}: {policy.Describe(at)}.";
        }

        var escalateAt = at - severity.EscalateBefore;
        return new Deadline(at, escalateAt < receivedAt ? receivedAt : escalateAt, explanation);
    }
}
