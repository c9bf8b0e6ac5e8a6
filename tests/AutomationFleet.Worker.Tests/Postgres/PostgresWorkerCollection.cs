using AutomationFleet.Storage.Tests.Postgres;

namespace AutomationFleet.Worker.Tests.Postgres;

/// <summary>
/// The worker's PostgreSQL tests share one throw-away server per run (<see cref="PostgresServer"/>, linked from the
/// Storage tests) and run one at a time: they time schedulers that fire every second on a shared machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresWorkerCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL worker";
}
