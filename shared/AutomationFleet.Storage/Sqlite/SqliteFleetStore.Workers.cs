using System.Text.Json;
using AutomationFleet.Core.Workers;

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
            (connection, now) =>
            {
                using var command = ReadCommand(connection, SqliteStatements.ListWorkers);
                using var reader = command.ExecuteReader();
                var workers = new List<WorkerStatus>();
                while (reader.Read())
                {
                    var lastSeen = reader.GetTime(6);
                    var stopped = reader.GetNullableTime(7);
                    workers.Add(new WorkerStatus(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetInt32(2),
                        JsonSerializer.Deserialize(reader.GetString(3), StorageJsonContext.Default.IReadOnlyListString) ?? [],
                        reader.GetInt32(4),
                        reader.GetTime(5),
                        lastSeen,
                        stopped,
                        IsAlive: WorkerStatus.IsAliveAt(stopped, lastSeen, DateTimeOffset.FromUnixTimeMilliseconds(now), stale)));
                }

                return workers;
            },
            cancellationToken);
    }
}
