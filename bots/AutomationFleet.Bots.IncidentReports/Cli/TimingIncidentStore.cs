using AutomationFleet.Core.Incidents;

namespace AutomationFleet.Bots.IncidentReports.Cli;

/// <summary>
/// The benchmark's view of the store: the real store, with the time spent in the hot path's round trips (the nearby
/// query, the team's open counts, the writes) and the rows the nearby query returned, so a report's time can be split.
/// </summary>
internal sealed class TimingIncidentStore(IIncidentStore inner, TimeProvider timeProvider) : IIncidentStore
{
    private long _nearbyTicks;
    private long _nearbyCalls;
    private long _nearbyRows;
    private long _countsTicks;
    private long _countsCalls;
    private long _writeTicks;
    private long _writeCalls;

    public TimeSpan NearbyElapsed => TimeSpan.FromTicks(Interlocked.Read(ref _nearbyTicks));

    public long NearbyCalls => Interlocked.Read(ref _nearbyCalls);

    public long NearbyRows => Interlocked.Read(ref _nearbyRows);

    public TimeSpan CountsElapsed => TimeSpan.FromTicks(Interlocked.Read(ref _countsTicks));

    public long CountsCalls => Interlocked.Read(ref _countsCalls);

    public TimeSpan WriteElapsed => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    public long WriteCalls => Interlocked.Read(ref _writeCalls);

    public void Reset()
    {
        Interlocked.Exchange(ref _nearbyTicks, 0);
        Interlocked.Exchange(ref _nearbyCalls, 0);
        Interlocked.Exchange(ref _nearbyRows, 0);
        Interlocked.Exchange(ref _countsTicks, 0);
        Interlocked.Exchange(ref _countsCalls, 0);
        Interlocked.Exchange(ref _writeTicks, 0);
        Interlocked.Exchange(ref _writeCalls, 0);
    }

    public async Task<bool> OpenAsync(NewIncident incident, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var opened = await inner.OpenAsync(incident, actor, detail, at, cancellationToken);
        Add(ref _writeTicks, ref _writeCalls, started);
        return opened;
    }

    public async Task<bool> LinkReportAsync(string reference, string reportReference, string actor, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var linked = await inner.LinkReportAsync(reference, reportReference, actor, at, cancellationToken);
        Add(ref _writeTicks, ref _writeCalls, started);
        return linked;
    }

    public async Task<IReadOnlyList<Incident>> FindNearbyAsync(NearbyIncidentQuery query, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var nearby = await inner.FindNearbyAsync(query, cancellationToken);
        Add(ref _nearbyTicks, ref _nearbyCalls, started);
        Interlocked.Add(ref _nearbyRows, nearby.Count);
        return nearby;
    }

    public async Task<IReadOnlyDictionary<string, int>> OpenCountsByAssigneeAsync(string team, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var counts = await inner.OpenCountsByAssigneeAsync(team, cancellationToken);
        Add(ref _countsTicks, ref _countsCalls, started);
        return counts;
    }

    public Task<Incident?> GetAsync(string reference, CancellationToken cancellationToken = default) => inner.GetAsync(reference, cancellationToken);

    public Task<Incident?> FindByReportAsync(string reportReference, CancellationToken cancellationToken = default) =>
        inner.FindByReportAsync(reportReference, cancellationToken);

    public Task<IReadOnlyList<Incident>> ListOpenAsync(string? team, DateTimeOffset? deadlineBy, int limit, CancellationToken cancellationToken = default) =>
        inner.ListOpenAsync(team, deadlineBy, limit, cancellationToken);

    public Task AllocateAsync(
        string reference, string team, string? assignee, DateTimeOffset deadline, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.AllocateAsync(reference, team, assignee, deadline, actor, detail, at, cancellationToken);

    public Task TransitionAsync(string reference, IncidentState to, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.TransitionAsync(reference, to, actor, detail, at, cancellationToken);

    public Task<IReadOnlyList<Incident>> DueForEscalationAsync(DateTimeOffset deadlineBy, int limit, CancellationToken cancellationToken = default) =>
        inner.DueForEscalationAsync(deadlineBy, limit, cancellationToken);

    public Task<bool> MarkEscalatedAsync(string reference, string actor, string detail, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.MarkEscalatedAsync(reference, actor, detail, at, cancellationToken);

    public Task<IReadOnlyList<IncidentAuditEntry>> AuditAsync(string reference, CancellationToken cancellationToken = default) =>
        inner.AuditAsync(reference, cancellationToken);

    private void Add(ref long ticks, ref long calls, long started)
    {
        Interlocked.Add(ref ticks, timeProvider.GetElapsedTime(started).Ticks);
        Interlocked.Increment(ref calls);
    }
}
