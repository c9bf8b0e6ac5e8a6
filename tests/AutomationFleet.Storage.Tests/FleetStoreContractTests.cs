using AutomationFleet.Storage.Postgres;
using AutomationFleet.Storage.Sqlite;

namespace AutomationFleet.Storage.Tests;

public class FleetStoreContractTests
{
    [Theory]
    [InlineData(typeof(SqliteFleetStore))]
    [InlineData(typeof(PostgresFleetStore))]
    public void IFleetStore_EveryContractAStoreImplements_IsPartOfIt(Type store)
    {
        // A contract added to one store but not to IFleetStore would be missing for code that takes "the whole store".
        var whole = typeof(IFleetStore).GetInterfaces().Append(typeof(IFleetStore)).ToHashSet();
        Assert.Empty(store.GetInterfaces().Where(i => !whole.Contains(i)).Select(i => i.FullName));
    }
}
