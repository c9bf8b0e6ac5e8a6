using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Configuration;

namespace AutomationFleet.Core.Calendar;

/// <summary>
/// When the fleet tells a citizen their open item will be finished: the item's due date when it has one, else the
/// service's working days after the day it was received, on the fleet's <see cref="WorkingDayCalendar"/>. The public
/// status page shows this date and the updates' timescale sweep apologises before it passes, so both count the same way.
/// The working days are the public site's, where the services are named for citizens:
/// <c>PublicSite:Services:{queue}:WorkingDays</c>, else <c>PublicSite:DefaultWorkingDays</c> (20).
/// </summary>
public sealed class CaseTimescales
{
    /// <summary>The section the working days are in.</summary>
    public const string SectionName = "PublicSite";

    /// <summary>The working days of a queue with no setting anywhere.</summary>
    public const int FallbackWorkingDays = 20;

    private readonly int _defaultWorkingDays;
    private readonly Dictionary<string, int> _serviceWorkingDays;

    /// <summary>Timescales on <paramref name="calendar"/>: <paramref name="serviceWorkingDays"/> per queue, else <paramref name="defaultWorkingDays"/>.</summary>
    public CaseTimescales(WorkingDayCalendar calendar, int defaultWorkingDays, IReadOnlyDictionary<string, int>? serviceWorkingDays = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultWorkingDays, 1);
        Calendar = calendar;
        _defaultWorkingDays = defaultWorkingDays;
        _serviceWorkingDays = new Dictionary<string, int>(serviceWorkingDays ?? new Dictionary<string, int>(), StringComparer.Ordinal);
    }

    /// <summary>The calendar the days are counted on.</summary>
    public WorkingDayCalendar Calendar { get; }

    /// <summary>The timescales <paramref name="configuration"/> sets, on <paramref name="calendar"/>.</summary>
    public static CaseTimescales From(IConfiguration configuration, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var fallback = int.TryParse(section["DefaultWorkingDays"], out var days) && days >= 1 ? days : FallbackWorkingDays;
        var services = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var service in section.GetSection("Services").GetChildren())
        {
            if (int.TryParse(service["WorkingDays"], out var own) && own >= 1)
            {
                services[service.Key] = own;
            }
        }

        return new CaseTimescales(calendar, fallback, services);
    }

    /// <summary>The working days <paramref name="queue"/>'s service takes.</summary>
    public int WorkingDaysFor(string queue) => _serviceWorkingDays.GetValueOrDefault(queue, _defaultWorkingDays);

    /// <summary>The day an open item is expected to be finished by.</summary>
    public DateOnly ExpectedBy(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.DueAt is { } due
            ? Calendar.LocalDay(due)
            : Calendar.AddWorkingDays(Calendar.LocalDay(item.CreatedAt), WorkingDaysFor(item.Queue));
    }
}
