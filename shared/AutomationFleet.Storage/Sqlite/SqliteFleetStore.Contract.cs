namespace AutomationFleet.Storage.Sqlite;

/// <summary>The SQLite store keeps every fleet store contract.</summary>
public sealed partial class SqliteFleetStore : IFleetStore;
