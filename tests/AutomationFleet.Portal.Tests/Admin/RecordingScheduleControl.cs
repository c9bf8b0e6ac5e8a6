using System.Collections.Concurrent;
using AutomationFleet.Portal.Admin;

namespace AutomationFleet.Portal.Tests.Admin;

/// <summary>
/// Schedules held in memory for the page tests: the real one (<c>PortalScheduleControl</c> over Quartz) lives in the
/// worker, which the portal's tests may not reference. It keeps state so pause/resume show on the next render.
/// </summary>
public sealed class RecordingScheduleControl : IScheduleControl
{
    private readonly ConcurrentDictionary<string, string> _states = new(StringComparer.Ordinal) { ["nightly-rent-arrears"] = "Normal" };

    public ConcurrentQueue<string> Actions { get; } = new();

    public Task<IReadOnlyList<ScheduleRow>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScheduleRow>>(
            [.. _states.Select(s => new ScheduleRow(s.Key, "0 0 2 * * ?", "rent-arrears", s.Value, new DateTimeOffset(2030, 1, 2, 2, 0, 0, TimeSpan.Zero), null, true))]);

    public Task<bool> PauseAsync(string name, string requestedBy, CancellationToken cancellationToken)
    {
        Actions.Enqueue($"pause {name} by {requestedBy}");
        return Task.FromResult(Change(name, "Paused"));
    }

    public Task<bool> ResumeAsync(string name, CancellationToken cancellationToken)
    {
        Actions.Enqueue($"resume {name}");
        return Task.FromResult(Change(name, "Normal"));
    }

    public Task TriggerAsync(string name, CancellationToken cancellationToken)
    {
        Actions.Enqueue($"trigger {name}");
        return _states.ContainsKey(name) ? Task.CompletedTask : throw new KeyNotFoundException(name);
    }

    private bool Change(string name, string state)
    {
        if (!_states.TryGetValue(name, out var old))
        {
            throw new KeyNotFoundException(name);
        }

        _states[name] = state;
        return old != state;
    }
}
