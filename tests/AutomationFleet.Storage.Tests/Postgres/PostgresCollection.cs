namespace AutomationFleet.Storage.Tests.Postgres;

/// <summary>Every PostgreSQL test class shares one <see cref="PostgresServer"/> per run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "PostgreSQL";
}
