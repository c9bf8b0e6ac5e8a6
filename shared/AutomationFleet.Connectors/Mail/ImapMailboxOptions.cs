namespace AutomationFleet.Connectors.Mail;

/// <summary>The IMAP mailbox that inbound post arrives in. Bound from the <c>Mail:Imap</c> section.</summary>
public sealed class ImapMailboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mail:Imap";

    /// <summary>Whether the mailbox is polled at all. Default false: nothing connects until configured.</summary>
    public bool Enabled { get; set; }

    /// <summary>The IMAP server's host name. Required when enabled.</summary>
    public string Host { get; set; } = "";

    /// <summary>The server port; default (null) is 993 for <see cref="MailSecurity.SslOnConnect"/>, otherwise 143.</summary>
    public int? Port { get; set; }

    /// <summary>How the connection is secured. Default <see cref="MailSecurity.SslOnConnect"/>.</summary>
    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    /// <summary>The mailbox account. Required when enabled.</summary>
    public string Username { get; set; } = "";

    /// <summary>The account's password. Required when enabled; keep it out of files (environment or a secret store).</summary>
    public string Password { get; set; } = "";

    /// <summary>The folder new post arrives in. Default <c>INBOX</c>.</summary>
    public string Mailbox { get; set; } = "INBOX";

    /// <summary>Where a message is moved once its item is enqueued (created if missing). Default <c>Processed</c>.</summary>
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>
    /// Where a message too large to read (over <see cref="MaxMessageBytes"/>) is moved, after an item
    /// saying so has been enqueued (created if missing). Default <c>Quarantine</c>.
    /// </summary>
    public string QuarantineFolder { get; set; } = "Quarantine";

    /// <summary>The work queue items go to. Default <c>inbound-post</c>.</summary>
    public string Queue { get; set; } = "inbound-post";

    /// <summary>Time between polls (and after a failed poll). Default 30 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest message downloaded and read; a larger one is quarantined. Default 50 MiB.</summary>
    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long one IMAP command may take before the connection counts as dropped. Default 60 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The port actually used: <see cref="Port"/>, or the default for <see cref="Security"/>.</summary>
    public int EffectivePort => Port ?? (Security == MailSecurity.SslOnConnect ? 993 : 143);

    /// <summary>
    /// Identifies the mailbox in item references: <c>user@host/mailbox</c>. Changing the account,
    /// host or folder changes every reference, so a message seen under the old identity would be enqueued again.
    /// </summary>
    public string MailboxIdentity => $"{Username}@{Host}/{Mailbox}";
}
