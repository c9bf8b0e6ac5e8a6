namespace AutomationFleet.Portal.Tests.Admin;

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminPortalFixture>
{
    public const string Name = "admin";
}
