namespace AutomationFleet.Portal.Tests.OpenIdConnect;

[CollectionDefinition(Name)]
public sealed class DirectorySignInCollection : ICollectionFixture<DirectorySignInFixture>
{
    public const string Name = "directory-sign-in";
}
