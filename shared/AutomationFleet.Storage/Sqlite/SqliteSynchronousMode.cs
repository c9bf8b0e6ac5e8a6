namespace AutomationFleet.Storage.Sqlite;

/// <summary>How hard SQLite pushes each commit to disk (<c>PRAGMA synchronous</c>) in WAL mode.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// A commit survives a process crash; a power loss or OS crash may lose the last few commits
    /// but never corrupts the database. The WAL is synced at checkpoints only. The default.
    /// </summary>
    Normal,

    /// <summary>Every commit is synced to disk before it returns: survives power loss, at the cost of one fsync per write.</summary>
    Full,
}
