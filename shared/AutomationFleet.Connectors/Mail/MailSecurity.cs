namespace AutomationFleet.Connectors.Mail;

/// <summary>How a mail connection is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain text. Only for loopback test servers or a trusted local relay.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS before authenticating (IMAP 143, SMTP 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    SslOnConnect,
}
