namespace AutomationFleet.Core.Updates;

/// <summary>
/// Proactive updates to the people items come from (<c>config/updates.json</c>). Off unless <see cref="Enabled"/>; then
/// each queue listed in <see cref="Queues"/> sends the touch points listed for it, by e-mail (<see cref="Channel"/>).
/// </summary>
public sealed class UpdatesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Updates";

    /// <summary>Whether any update is raised. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The queue update items go to; the updates bot consumes it. Default <c>updates</c>.</summary>
    public string Queue { get; set; } = "updates";

    /// <summary>At most this many updates a day to one address, counted in the store across workers. Default 3.</summary>
    public int DailyCap { get; set; } = 3;

    /// <summary><c>Email</c> (SMTP, or the outbox folder while SMTP is off) or <c>Notify</c> (GOV.UK Notify). Default <c>Email</c>.</summary>
    public string Channel { get; set; } = EmailChannel;

    /// <summary>The public address of the opt-out page (<c>MapUpdateOptOut</c>); the signed token is added as <c>?token=</c>.</summary>
    public string OptOutUrl { get; set; } = "";

    /// <summary>The key opt-out tokens are signed with (HMAC-SHA256), base64, at least 32 bytes. From the environment: <c>FLEET_Updates__OptOutKey</c>.</summary>
    public string OptOutKey { get; set; } = "";

    /// <summary>Where updates are written as <c>.eml</c> files while <c>Mail:Smtp</c> is off. Default <c>var/outbox/updates</c>.</summary>
    public string OutboxFolder { get; set; } = "var/outbox/updates";

    /// <summary>For <see cref="TouchPoint.TimescaleAtRisk"/>: an unfinished item expected (its due date, else its service's timescale) within this many working days, or late, gets the apology. Default 1.</summary>
    public int AtRiskWorkingDays { get; set; } = 1;

    /// <summary>For <see cref="TouchPoint.TimescaleAtRisk"/>: the new date is this many working days after the expected date (after today once it has passed). Default 5.</summary>
    public int NewDateWorkingDays { get; set; } = 5;

    /// <summary>Per queue: the touch points its items' senders are sent.</summary>
    public Dictionary<string, QueueUpdateOptions> Queues { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per touch point: the e-mail's subject and text. Placeholders: <c>{Reference}</c>, <c>{Service}</c>, <c>{NewDate}</c>, <c>{OptOutUrl}</c>.</summary>
    public Dictionary<TouchPoint, UpdateWording> Wording { get; set; } = [];

    /// <summary>GOV.UK Notify, when <see cref="Channel"/> is <c>Notify</c>.</summary>
    public NotifyOptions Notify { get; set; } = new();

    /// <summary>The e-mail channel's name.</summary>
    public const string EmailChannel = "Email";

    /// <summary>The GOV.UK Notify channel's name.</summary>
    public const string NotifyChannel = "Notify";

    /// <summary>The touch points configured for <paramref name="queue"/> (none for a queue not listed, or while disabled).</summary>
    public IReadOnlyList<TouchPoint> TouchPointsFor(string queue) =>
        Enabled && Queues.TryGetValue(queue, out var configured) ? configured.TouchPoints : [];
}

/// <summary>The touch points of one queue.</summary>
public sealed class QueueUpdateOptions
{
    /// <summary>The touch points sent for this queue's items.</summary>
    public List<TouchPoint> TouchPoints { get; set; } = [];
}

/// <summary>The wording of one touch point's e-mail.</summary>
public sealed class UpdateWording
{
    /// <summary>The subject line.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The text; must contain <c>{OptOutUrl}</c>, so every update says how to stop them.</summary>
    public string Body { get; set; } = "";
}

/// <summary>GOV.UK Notify's API settings.</summary>
public sealed class NotifyOptions
{
    /// <summary>The API's base address. Default <c>https://api.notifications.service.gov.uk</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";

    /// <summary>The API key as Notify issues it (<c>{name}-{service id}-{secret}</c>). From the environment: <c>FLEET_Updates__Notify__ApiKey</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Per touch point, the id of the Notify e-mail template (personalisation: reference, service, new_date, opt_out_url).</summary>
    public Dictionary<TouchPoint, string> Templates { get; set; } = [];
}
