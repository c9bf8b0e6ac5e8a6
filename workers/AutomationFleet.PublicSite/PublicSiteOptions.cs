using System.ComponentModel.DataAnnotations;
using AutomationFleet.Web.DataProtection;

namespace AutomationFleet.PublicSite;

/// <summary>The public site's settings (section <c>PublicSite</c>), validated at start by <see cref="PublicSiteOptionsValidator"/>.</summary>
public sealed class PublicSiteOptions
{
    public const string SectionName = "PublicSite";

    /// <summary>Whether <c>fleet run</c> serves the public site (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where it listens (default <c>http://127.0.0.1:5081</c>, next to the portal's 5080); separate by <c>;</c>.</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5081";

    /// <summary>The council's name in the header and page titles.</summary>
    [Required]
    public string OrganisationName { get; set; } = "Example County Council";

    /// <summary>Wrong checks allowed per reference and per client address within <see cref="FailedCheckWindow"/> (default 5).</summary>
    public int MaxFailedChecks { get; set; } = 5;

    /// <summary>How far back wrong checks count (default 15 minutes).</summary>
    public TimeSpan FailedCheckWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the link to a status shown after a look-up works (default 10 minutes).</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The timescale when a service has none of its own, in working days (default 20).</summary>
    public int DefaultWorkingDays { get; set; } = 20;

    /// <summary>Per queue: the service's name as citizens know it and its timescale.</summary>
    public Dictionary<string, PublicServiceOptions> Services { get; set; } = new(StringComparer.Ordinal);

    /// <summary>TLS proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed (IP addresses; none by default).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The HSTS max-age sent on HTTPS responses (default 365 days).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Where the keys behind the anti-forgery tokens and result links live (<c>PublicSite:DataProtection</c>): a folder of
    /// the site's own (never the portal's) and a certificate, so a restarted site and every site process behind one load
    /// balancer accept each other's forms. Unset: keys in memory, one ring per process.
    /// </summary>
    public KeyRingOptions DataProtection { get; set; } = new();
}

/// <summary>One service as the status page names it.</summary>
public sealed class PublicServiceOptions
{
    /// <summary>The service's name, e.g. <c>Adult Social Care financial assessments</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>What the council received, e.g. <c>your contact form</c>.</summary>
    public string Received { get; set; } = string.Empty;

    /// <summary>Working days the service takes (England and Wales calendar), when the item has no due date.</summary>
    public int? WorkingDays { get; set; }
}
