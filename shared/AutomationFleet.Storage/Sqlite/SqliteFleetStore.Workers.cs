using System.Text.Json;
using AutomationFleet.Core.Workers;
using Dapper;

namespace AutomationFleet.Storage.Sqlite;

/// <content>The worker registry (<see cref="IWorkerRegistry"/>).</content>
public sealed partial class SqliteFleetStore
{
    /// <inheritdoc />
    public Task HeartbeatAsync(WorkerHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        ArgumentException.ThrowIfNullOrWhiteSpace(heartbeat.WorkerId);
        var queues = JsonSerializer.Serialize(heartbeat.Queues ?? [], StorageJsonContext.Default.IReadOnlyListString);
        return WriteAsync(
            now => WriteCommand(SqliteStatements.Heartbeat)
                .Bind("$worker", heartbeat.WorkerId)
                .Bind("$host", heartbeat.Host ?? string.Empty)
                .Bind("$pid", heartbeat.ProcessId)
                .Bind("$queues", queues)
                .Bind("$inFlight", heartbeat.InFlight)
                .Bind("$now", now)
                .ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkStoppedAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        return WriteAsync(
            now => WriteCommand(SqliteStatements.MarkWorkerStopped).Bind("$now", now).Bind("$worker", workerId).ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkerStatus>> ListAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var stale = TimeSpan.FromMilliseconds(Milliseconds(staleAfter));
        return ReadAsync<IReadOnlyList<WorkerStatus>>(
            (connection, now) => connection.Query<SqliteRows.WorkerRow>(SqliteStatements.ListWorkers)
                .Select(row => new WorkerStatus(
                    row.WorkerId,
                    row.Host,
                    (int)row.Pid,
                    JsonSerializer.Deserialize(row.QueuesJson, StorageJsonContext.Default.IReadOnlyListString) ?? [],
                    (int)row.InFlight,
                    row.Started,
                    row.LastSeen,
                    row.Stopped,
                    IsAlive: WorkerStatus.IsAliveAt(row.Stopped, row.LastSeen, DateTimeOffset.FromUnixTimeMilliseconds(now), stale)))
                .ToList(),
            cancellationToken);
    }
}
