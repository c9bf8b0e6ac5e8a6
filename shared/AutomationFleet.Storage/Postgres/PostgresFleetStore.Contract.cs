namespace AutomationFleet.Storage.Postgres;

/// <summary>The PostgreSQL store keeps every fleet store contract.</summary>
public sealed partial class PostgresFleetStore : IFleetStore;
