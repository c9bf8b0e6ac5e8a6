using AutomationFleet.Web.DataProtection;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal;

/// <summary>Cross-field rules for <see cref="PortalOptions"/>; reports every failure, naming the setting.</summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(PortalOptions.SessionTimeout), options.SessionTimeout);
        Positive(failures, nameof(PortalOptions.LockoutDuration), options.LockoutDuration);
        Positive(failures, nameof(PortalOptions.ClaimDuration), options.ClaimDuration);
        foreach (var url in (options.Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{PortalOptions.SectionName}:{nameof(PortalOptions.Urls)} has '{url}', which is not an http(s) URL.");
            }
        }

        Positive(failures, nameof(PortalOptions.AbsoluteSessionLifetime), options.AbsoluteSessionLifetime);
        Positive(failures, nameof(PortalOptions.HstsMaxAge), options.HstsMaxAge);
        foreach (var proxy in options.KnownProxies ?? [])
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"{PortalOptions.SectionName}:{nameof(PortalOptions.KnownProxies)} has '{proxy}', which is not an IP address.");
            }
        }

        foreach (var network in options.KnownNetworks ?? [])
        {
            if (!System.Net.IPNetwork.TryParse(network, out _))
            {
                failures.Add($"{PortalOptions.SectionName}:{nameof(PortalOptions.KnownNetworks)} has '{network}', which is not a network in CIDR form (e.g. 10.20.0.0/24).");
            }
        }

        if (options.MetricsScrapeToken is { } token && token.Trim().Length < MinimumScrapeTokenLength)
        {
            failures.Add($"{PortalOptions.SectionName}:{nameof(PortalOptions.MetricsScrapeToken)} must have at least {MinimumScrapeTokenLength} characters (it has {token.Trim().Length}); make one with e.g. 'openssl rand -hex 32'.");
        }

        KeyRing.Validate(options.DataProtection, PortalOptions.SectionName + ":" + KeyRingOptions.SectionName, failures);
        ValidatePasswords(failures, options.Passwords);
        ValidateOpenIdConnect(failures, options.OpenIdConnect);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private const int MinimumScrapeTokenLength = 24;

    private static void ValidatePasswords(List<string> failures, PortalPasswordOptions? passwords)
    {
        const string Section = PortalOptions.SectionName + ":" + PortalPasswordOptions.SectionName + ":";
        if (passwords is null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(passwords.BreachedListPath) && !File.Exists(passwords.BreachedListPath))
        {
            failures.Add($"{Section}{nameof(passwords.BreachedListPath)} is '{passwords.BreachedListPath}', which is not a file.");
        }

        if (!Enum.IsDefined(passwords.BreachedListFormat))
        {
            failures.Add($"{Section}{nameof(passwords.BreachedListFormat)} must be Plain or Sha1.");
        }
    }

    private static void ValidateOpenIdConnect(List<string> failures, PortalOpenIdConnectOptions? oidc)
    {
        if (oidc is null || !oidc.Enabled)
        {
            return;
        }

        const string Section = PortalOptions.SectionName + ":" + PortalOpenIdConnectOptions.SectionName + ":";
        if (string.IsNullOrWhiteSpace(oidc.Authority))
        {
            failures.Add($"{Section}{nameof(oidc.Authority)} is required when {Section}{nameof(oidc.Enabled)} is true (the directory's issuer URL).");
        }
        else if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp)
            || authority.Query.Length > 0 || authority.Fragment.Length > 0)
        {
            failures.Add($"{Section}{nameof(oidc.Authority)} has '{oidc.Authority}', which is not an https URL without query or fragment.");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && oidc.RequireHttpsMetadata)
        {
            failures.Add($"{Section}{nameof(oidc.Authority)} must be https (it is '{oidc.Authority}'); only a test provider on loopback may set {Section}{nameof(oidc.RequireHttpsMetadata)} to false.");
        }

        Required(failures, Section + nameof(oidc.ClientId), oidc.ClientId, "the client id the directory registered for the portal");
        Required(failures, Section + nameof(oidc.ClientSecret), oidc.ClientSecret, "set it from the environment: FLEET_Portal__OpenIdConnect__ClientSecret");
        Required(failures, Section + nameof(oidc.DisplayName), oidc.DisplayName, "the sign-in button's text");
        Required(failures, Section + nameof(oidc.UserClaim), oidc.UserClaim, "the id_token claim naming the portal account, e.g. preferred_username");
        if (oidc.RequireMultiFactor && string.IsNullOrWhiteSpace(oidc.MultiFactorAmrValues) && string.IsNullOrWhiteSpace(oidc.MultiFactorAcrValues))
        {
            failures.Add($"{Section}{nameof(oidc.RequireMultiFactor)} is true but neither {Section}{nameof(oidc.MultiFactorAmrValues)} nor {Section}{nameof(oidc.MultiFactorAcrValues)} names a value that shows it: no sign-in could pass.");
        }

        foreach (var scope in oidc.ScopeList())
        {
            // RFC 6749 §3.3: a scope is printable ASCII without space, '"' or '\'.
            if (scope.Any(c => c < '!' || c > '~' || c == '"' || c == '\\'))
            {
                failures.Add($"{Section}{nameof(oidc.Scopes)} has '{scope}', which is not a valid scope (space-separated, printable ASCII).");
            }
        }
    }

    private static void Required(List<string> failures, string setting, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is required when {PortalOptions.SectionName}:{PortalOpenIdConnectOptions.SectionName}:Enabled is true ({what}).");
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{PortalOptions.SectionName}:{setting} must be more than zero (it is {value}).");
        }
    }
}
