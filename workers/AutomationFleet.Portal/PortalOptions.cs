using System.ComponentModel.DataAnnotations;
using AutomationFleet.Web.DataProtection;

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

    /// <summary>
    /// A session ends this long after its sign-in however active it is (absolute lifetime, beside the sliding
    /// <see cref="SessionTimeout"/>). Default 12 hours.
    /// </summary>
    public TimeSpan AbsoluteSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Addresses of the reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (a TLS
    /// proxy in front of the portal), beside loopback when <see cref="TrustLoopbackProxy"/>. Requests from any other
    /// address keep their own scheme and address whatever headers they send. Default none.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>
    /// Believe forwarded headers from 127.0.0.1 and ::1 (a proxy on the same machine). Default true. Set false when
    /// nothing on the machine may speak for a client (e.g. other users' processes could reach the portal's port).
    /// </summary>
    public bool TrustLoopbackProxy { get; set; } = true;

    /// <summary>Networks (CIDR, e.g. <c>10.20.0.0/24</c>) whose proxies are believed, beside <see cref="KnownProxies"/>. Default none.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>The <c>Strict-Transport-Security</c> max-age sent on https responses. Default 365 days.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Password sign-in attempts allowed per client address per minute (429 beyond). Default 60.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerAddressPerMinute { get; set; } = 60;

    /// <summary>Password sign-in attempts allowed per account name per minute (429 beyond). Default 10.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerAccountPerMinute { get; set; } = 10;

    /// <summary>
    /// A secret a Prometheus scraper sends as <c>Authorization: Bearer …</c> to read <c>/metrics</c> without a sign-in
    /// (set it from the environment: <c>FLEET_Portal__MetricsScrapeToken</c>). Unset: <c>/metrics</c> needs a signed-in account.
    /// </summary>
    public string? MetricsScrapeToken { get; set; }

    /// <summary>Where the cookie-protecting keys live and how they are protected at rest (<c>Portal:DataProtection</c>).</summary>
    public KeyRingOptions DataProtection { get; set; } = new();

    /// <summary>The check of new passwords against breached ones.</summary>
    public PortalPasswordOptions Passwords { get; set; } = new();

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
