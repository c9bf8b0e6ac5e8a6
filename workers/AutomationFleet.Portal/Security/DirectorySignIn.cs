using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AutomationFleet.Portal.Security;

/// <summary>
/// Sign-in through the council's directory (OpenID Connect, authorization code flow with PKCE; state, nonce and the
/// id_token's signature, issuer, audience and lifetime are checked by ASP.NET Core's handler). The directory only says
/// who someone is: they get in only if an enabled portal account has that name, and then with that account's role and
/// queues, in the same session cookie as a password sign-in (so timeouts and disabling work the same way).
/// </summary>
public static class DirectorySignIn
{
    /// <summary>The authentication scheme; registered only when <c>Portal:OpenIdConnect:Enabled</c> is true.</summary>
    public const string Scheme = "directory";

    /// <summary>The sign-in page's button links here (a GET: see <see cref="SecurityHeadersMiddleware"/> on form-action).</summary>
    public const string ChallengePath = "/sign-in/directory";

    /// <summary>Where the directory sends the browser back with the code.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The page shown when the directory signed someone in but the portal refuses them, or the exchange failed.</summary>
    public const string RefusedPath = "/sign-in/refused";

    /// <summary><c>?why=</c> on <see cref="RefusedPath"/>: no enabled portal account for the directory's user.</summary>
    public const string RefusedAccount = "account";

    /// <summary><c>?why=</c> on <see cref="RefusedPath"/>: the exchange with the directory did not complete.</summary>
    public const string RefusedFailed = "failed";

    private const string LoggerName = "AutomationFleet.Portal.Security.DirectorySignIn";

    /// <summary>Applies the portal's settings to the handler's options.</summary>
    public static void Configure(OpenIdConnectOptions handler, PortalOpenIdConnectOptions settings)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(settings);
        handler.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        handler.Authority = settings.Authority;
        handler.ClientId = settings.ClientId;
        handler.ClientSecret = settings.ClientSecret;
        handler.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        handler.CallbackPath = CallbackPath;
        handler.ResponseType = OpenIdConnectResponseType.Code;
        handler.UsePkce = true;

        // The code comes back in the query of a top-level GET, so the handler's correlation and nonce cookies can be
        // SameSite=Lax and need not be Secure (the default form_post needs SameSite=None, which browsers accept only
        // on Secure cookies, i.e. https, and the portal listens on plain http on loopback behind a TLS proxy).
        handler.ResponseMode = OpenIdConnectResponseMode.Query;
        handler.CorrelationCookie.SameSite = SameSiteMode.Lax;
        handler.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        handler.NonceCookie.SameSite = SameSiteMode.Lax;
        handler.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        handler.Scope.Clear();
        foreach (var scope in settings.ScopeList())
        {
            handler.Scope.Add(scope);
        }

        // Claims keep their names as the directory sends them, so UserClaim is the name in the id_token.
        handler.MapInboundClaims = false;
        handler.TokenValidationParameters.NameClaimType = settings.UserClaim;
        handler.GetClaimsFromUserInfoEndpoint = false;
        handler.SaveTokens = false;
        handler.UseTokenLifetime = false;
        handler.DisableTelemetry = true;
        handler.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = TicketReceivedAsync,
            OnRemoteFailure = RemoteFailureAsync,
        };
    }

    // Runs after the handler has checked everything (state, correlation, code exchange, signature, nonce): only now is
    // the directory's word about who this is to be trusted, and only now is a sign-in or a refusal audited.
    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<PortalOptions>>().Value.OpenIdConnect;
        var users = services.GetRequiredService<IUserStore>();
        var audit = services.GetRequiredService<SecurityAudit>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        var cancellationToken = context.HttpContext.RequestAborted;

        var claimed = context.Principal?.FindFirst(settings.UserClaim)?.Value?.Trim();
        var account = string.IsNullOrEmpty(claimed) ? null : await users.FindUserAsync(claimed, cancellationToken);
        var failure = account switch
        {
            null when string.IsNullOrEmpty(claimed) => $"no {settings.UserClaim} claim",
            null => "unknown account",
            { Disabled: true } => "account disabled",
            _ => null,
        };
        if (failure is not null)
        {
            // The directory vouched for this name, so unlike a typed name it is written down: an administrator needs
            // it to decide whether to make the account.
            await audit.WriteAsync(
                account?.Name ?? "anonymous", AuditActions.SignInFailed, account?.Name ?? Printable(claimed), "directory: " + failure, cancellationToken);
            logger.LogInformation("Portal directory sign-in refused: {Reason}", failure);
            context.Response.Redirect($"{RefusedPath}?why={RefusedAccount}");
            context.HandleResponse();
            return;
        }

        // The name alone is not who someone is (a directory can rename people and reuse names): the account is bound to
        // the directory's issuer and subject at its first directory sign-in, and a later sign-in must match them.
        var identity = IdentityOf(context.Principal!);
        failure = identity is null ? "no sub claim"
            : !ShowsMultiFactor(context.Principal!, settings) ? "no multi-factor authentication shown (amr/acr)"
            : await users.BindExternalIdentityAsync(account!.Name, identity, cancellationToken) is { } bound && bound != identity
                ? "bound to another directory identity"
                : null;
        if (failure is not null)
        {
            await audit.WriteAsync(account!.Name, AuditActions.SignInFailed, account.Name, "directory: " + failure, cancellationToken);
            logger.LogWarning("Portal directory sign-in refused: {Reason}", failure);
            context.Response.Redirect($"{RefusedPath}?why={RefusedAccount}");
            context.HandleResponse();
            return;
        }

        await users.RecordSignInAsync(account!.Name, cancellationToken);
        await audit.WriteAsync(account.Name, AuditActions.SignIn, account.Name, PortalPrincipal.DirectoryMethod, cancellationToken);
        // The directory counts as the second factor only when its token shows one (amr/acr as configured).
        var multiFactor = ShowsMultiFactor(context.Principal!, new PortalOpenIdConnectOptions
        {
            RequireMultiFactor = true,
            MultiFactorAmrValues = settings.MultiFactorAmrValues,
            MultiFactorAcrValues = settings.MultiFactorAcrValues,
        });
        context.Principal = PortalPrincipal.For(
            account, PortalPrincipal.DirectoryMethod, services.GetRequiredService<TimeProvider>().GetUtcNow(), multiFactor ? PortalPrincipal.DirectoryFactor : null);
        context.Properties ??= new AuthenticationProperties();
        context.Properties.IsPersistent = false;
    }

    /// <summary>
    /// The directory's stable identity of the person: the id_token's <c>iss</c> and its Entra ID object id (<c>oid</c>,
    /// the same for the person across every application of the tenant) or else its <c>sub</c>.
    /// </summary>
    internal static ExternalIdentity? IdentityOf(System.Security.Claims.ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst("oid")?.Value ?? principal.FindFirst("sub")?.Value;
        var issuer = principal.FindFirst("iss")?.Value ?? principal.FindFirst("sub")?.Issuer;
        return string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(issuer) ? null : new ExternalIdentity(issuer, subject);
    }

    /// <summary>
    /// With <see cref="PortalOpenIdConnectOptions.RequireMultiFactor"/>, whether the token says the person used more
    /// than a password: one of its <c>amr</c> values or its <c>acr</c> is among the configured ones.
    /// </summary>
    internal static bool ShowsMultiFactor(System.Security.Claims.ClaimsPrincipal principal, PortalOpenIdConnectOptions settings)
    {
        if (!settings.RequireMultiFactor)
        {
            return true;
        }

        var amr = Split(settings.MultiFactorAmrValues);
        var acr = Split(settings.MultiFactorAcrValues);
        return principal.FindAll("amr").Any(claim => amr.Contains(claim.Value))
            || (principal.FindFirst("acr")?.Value is { } level && acr.Contains(level));
    }

    private static HashSet<string> Split(string? values) =>
        (values ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    // A bad state or correlation cookie, an error from the directory (e.g. access_denied), a code the directory would
    // not redeem or an id_token that does not validate: audited, and a page instead of an exception.
    private static async Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var services = context.HttpContext.RequestServices;
        var detail = "directory: sign-in did not complete (" + Describe(context.Failure) + ")";
        await services.GetRequiredService<SecurityAudit>()
            .WriteAsync("anonymous", AuditActions.SignInFailed, string.Empty, detail, context.HttpContext.RequestAborted);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName)
            .LogWarning(context.Failure, "Portal directory sign-in did not complete");
        context.Response.Redirect($"{RefusedPath}?why={RefusedFailed}");
        context.HandleResponse();
    }

    private static string Describe(Exception? failure) => failure switch
    {
        null => "no reason given",
        { Data: var data } when data["error"] is string error => $"the directory answered '{Printable(error)}'",
        AuthenticationFailureException => Printable(failure.Message),
        _ => failure.GetType().Name,
    };

    // At most 100 printable characters of text from outside, for an audit row.
    private static string Printable(string? text) =>
        new string((text ?? string.Empty).Where(c => !char.IsControl(c)).Take(100).ToArray());
}
