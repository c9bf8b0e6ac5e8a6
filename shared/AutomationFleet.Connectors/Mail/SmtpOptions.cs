namespace AutomationFleet.Connectors.Mail;

/// <summary>The SMTP server outbound mail goes through. Bound from the <c>Mail:Smtp</c> section.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mail:Smtp";

    /// <summary>Whether mail may be sent. Default false: a send fails with a message naming this setting.</summary>
    public bool Enabled { get; set; }

    /// <summary>The SMTP server's host name. Required when enabled.</summary>
    public string Host { get; set; } = "";

    /// <summary>The server port; default (null) is 465 for <see cref="MailSecurity.SslOnConnect"/>, 587 for StartTls, 25 for None.</summary>
    public int? Port { get; set; }

    /// <summary>How the connection is secured. Default <see cref="MailSecurity.StartTls"/>.</summary>
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    /// <summary>The account to authenticate as; none (null or empty) sends without authenticating.</summary>
    public string? Username { get; set; }

    /// <summary>The account's password; required when <see cref="Username"/> is set.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address of every mail (e.g. <c>post@council.example</c>). Required when enabled.</summary>
    public string From { get; set; } = "";

    /// <summary>The sender's display name. Default <c>AutomationFleet</c>.</summary>
    public string FromName { get; set; } = "AutomationFleet";

    /// <summary>How long one SMTP command may take. Default 60 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Subject of an acknowledgement; <c>{Reference}</c> is replaced by the item's citizen reference.</summary>
    public string AcknowledgementSubject { get; set; } = "We received your letter (reference {Reference})";

    /// <summary>Text of an acknowledgement; <c>{Reference}</c> is replaced by the item's citizen reference.</summary>
    public string AcknowledgementBody { get; set; } =
        "Thank you for writing to us. We received your letter; its reference is {Reference}.\n\n"
        + "Please quote this reference if you contact us about it.\n";

    /// <summary>The port actually used: <see cref="Port"/>, or the default for <see cref="Security"/>.</summary>
    public int EffectivePort => Port ?? Security switch
    {
        MailSecurity.SslOnConnect => 465,
        MailSecurity.StartTls => 587,
        _ => 25,
    };
}
