using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Portal;

/// <summary>The review portal's settings (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>Whether <c>fleet run</c> hosts the portal in the fleet process. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the portal listens; ';'-separated. Default loopback only: http://127.0.0.1:5080.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>A session ends after this long without a request (sliding). Default 20 minutes.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Failed sign-ins in a row that lock an account. Default 5.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a reviewer's claim on an item lasts. Default 15 minutes.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most review tasks the queue page lists (and counts). Default 500.</summary>
    [Range(1, 10_000)]
    public int QueuePageLimit { get; set; } = 500;

    /// <summary>Sign-in through the council's directory (OpenID Connect). Off by default.</summary>
    public PortalOpenIdConnectOptions OpenIdConnect { get; set; } = new();
}
