namespace AutomationFleet.Queue.Benchmarks.HangfireSide;

/// <summary>
/// Gives Hangfire's side of the benchmark a fresh, empty <c>JobStorage</c> per run. One implementation per store
/// (<c>--store</c>): <see cref="SqliteHangfireStorageProvider"/> (Hangfire.Storage.SQLite) now; Hangfire.PostgreSql adds
/// its own (a fresh schema per run, the same database as the fleet's) and <see cref="HangfireWorkload"/> is unchanged.
/// </summary>
public interface IHangfireStorageProvider
{
    HangfireStorageInstance Create();
}
