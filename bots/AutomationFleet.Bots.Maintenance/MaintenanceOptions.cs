using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.Maintenance;

/// <summary>The maintenance bot's settings, bound from the <c>Maintenance</c> section.</summary>
public sealed class MaintenanceOptions
{
    public const string SectionName = "Maintenance";

    /// <summary>The queue the bot consumes; the digest, SLA sweep and purge schedules put their items here. Default <c>maintenance</c>.</summary>
    [Required]
    public string Queue { get; set; } = "maintenance";

    /// <summary>
    /// How long before its due date an open review task is escalated to a supervisor by the SLA sweep, and what the digest
    /// counts as "due soon". Default 4 hours.
    /// </summary>
    public TimeSpan SlaLeadTime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// The mail domain of supervisors whose account name is not an e-mail address: the digest goes to
    /// <c>NAME@DigestMailDomain</c>. Accounts named by their address (directory sign-in) are mailed as named. Empty: only
    /// those are mailed, and the others' digests record that they had no address.
    /// </summary>
    public string DigestMailDomain { get; set; } = "";

    /// <summary>The window of the digest's straight-through rates. Default 24 hours.</summary>
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most this many review tasks escalated, or supervisors' digests enqueued, per sweep (the next sweep goes on). Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxPerSweep { get; set; } = 1000;
}
