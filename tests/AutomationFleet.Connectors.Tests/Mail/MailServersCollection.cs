namespace AutomationFleet.Connectors.Tests.Mail;

/// <summary>Tests that share the mail servers run one after another (one of them restarts Dovecot).</summary>
[CollectionDefinition(Name)]
public sealed class MailServersCollection : ICollectionFixture<MailServersFixture>
{
    public const string Name = "mail-servers";
}
