namespace AutomationFleet.Queue.Benchmarks;

/// <summary>
/// The SQLite <c>synchronous</c> setting for a run. <see cref="StoreDefault"/> leaves each store as it ships (the fleet:
/// NORMAL in WAL; Hangfire.Storage.SQLite: whatever sqlite-net's connection gets, read back and reported);
/// <see cref="Normal"/> and <see cref="Full"/> set both sides alike.
/// </summary>
public enum SynchronousSetting
{
    StoreDefault,
    Normal,
    Full,
}
