using System.Text.Json;
using AutomationFleet.Core.Workers;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Storage.Postgres;

/// <content>The worker registry (<see cref="IWorkerRegistry"/>).</content>
public sealed partial class PostgresFleetStore : IWorkerRegistry
{
    /// <inheritdoc />
    public Task HeartbeatAsync(WorkerHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        ArgumentException.ThrowIfNullOrWhiteSpace(heartbeat.WorkerId);
        var queues = JsonSerializer.Serialize(heartbeat.Queues ?? [], StorageJsonContext.Default.IReadOnlyListString);
        return WriteOneAsync(
            session => session.ExecuteAsync(
                PostgresStatements.Heartbeat,
                new
                {
                    worker = heartbeat.WorkerId,
                    host = heartbeat.Host ?? string.Empty,
                    pid = heartbeat.ProcessId,
                    queues,
                    inFlight = heartbeat.InFlight,
                    now = session.Now,
                }),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkStoppedAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        return WriteAsync(session => session.ExecuteAsync(PostgresStatements.MarkWorkerStopped, new { now = session.Now, worker = workerId }), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkerStatus>> ListAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var stale = TimeSpan.FromMilliseconds(Milliseconds(staleAfter));
        return ReadAsync<IReadOnlyList<WorkerStatus>>(
            async session => (await session.QueryAsync<PostgresRows.WorkerRow>(PostgresStatements.ListWorkers))
                .Select(row => new WorkerStatus(
                    row.WorkerId,
                    row.Host,
                    row.Pid,
                    JsonSerializer.Deserialize(row.QueuesJson, StorageJsonContext.Default.IReadOnlyListString) ?? [],
                    row.InFlight,
                    row.Started,
                    row.LastSeen,
                    row.Stopped,
                    IsAlive: WorkerStatus.IsAliveAt(row.Stopped, row.LastSeen, DateTimeOffset.FromUnixTimeMilliseconds(session.Now), stale)))
                .ToList(),
            cancellationToken);
    }
}
