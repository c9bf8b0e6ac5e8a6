namespace AutomationFleet.Portal;

/// <summary>
/// Sign-in through the council's directory with OpenID Connect (section <c>Portal:OpenIdConnect</c>), beside the local
/// accounts. Off by default. The directory proves who someone is; the portal account with the same name (made with
/// <c>fleet users add</c>) still decides whether they may sign in, their role and their queues.
/// </summary>
public sealed class PortalOpenIdConnectOptions
{
    public const string SectionName = "OpenIdConnect";

    /// <summary>Whether the sign-in page offers the directory. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The provider's issuer URL; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id the directory registered for the portal.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (set it from the environment, e.g. <c>FLEET_Portal__OpenIdConnect__ClientSecret</c>).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for, space-separated; <c>openid</c> is always asked for. Default <c>openid profile</c>.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The text of the sign-in page's button. Default "Sign in with your council account".</summary>
    public string DisplayName { get; set; } = "Sign in with your council account";

    /// <summary>The id_token claim whose value is the portal account name. Default <c>preferred_username</c>.</summary>
    public string UserClaim { get; set; } = "preferred_username";

    /// <summary>
    /// Refuse a directory sign-in whose id_token does not show multi-factor authentication (an <c>amr</c> value in
    /// <see cref="MultiFactorAmrValues"/> or the <c>acr</c> in <see cref="MultiFactorAcrValues"/>). Default false.
    /// </summary>
    public bool RequireMultiFactor { get; set; }

    /// <summary>Space-separated <c>amr</c> values (RFC 8176) that show multi-factor. Default <c>mfa</c> (Entra ID and most directories send it).</summary>
    public string MultiFactorAmrValues { get; set; } = "mfa";

    /// <summary>Space-separated <c>acr</c> values that show multi-factor (the directory's own names). Default none.</summary>
    public string MultiFactorAcrValues { get; set; } = string.Empty;

    /// <summary>Whether the authority must be https. Default true; only a test provider on loopback sets false.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The scopes to ask for: <see cref="Scopes"/> split, with <c>openid</c> first and no repeats.</summary>
    public IReadOnlyList<string> ScopeList() =>
        (Scopes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Prepend("openid")
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
