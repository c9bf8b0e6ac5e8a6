namespace AutomationFleet.Core.Users;

/// <summary>A local portal account as stored.</summary>
/// <param name="Name">Unique sign-in name (compared case-insensitively).</param>
/// <param name="PasswordHash">
/// The password hash (ASP.NET Core's <c>PasswordHasher</c> format); never the password. <see cref="ExternalOnlyPasswordHash"/>
/// for an account that signs in only through the council's directory (OpenID Connect).
/// </param>
/// <param name="Role">What the account may do.</param>
/// <param name="Disabled">A disabled account cannot sign in; its live sessions end at their next request.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last success or lock-out.</param>
/// <param name="LockedUntil">Sign-in is refused until this time (store clock), if set.</param>
/// <param name="Queues">Queues a reviewer is granted (supervisors and administrators see every queue).</param>
/// <param name="CreatedAt">When the account was made.</param>
public sealed record UserAccount(
    string Name,
    string PasswordHash,
    UserRole Role,
    bool Disabled,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    IReadOnlyList<string> Queues,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The password hash stored for an account with no password, which signs in only through the directory. It is not a
    /// <c>PasswordHasher</c> hash (not even base64), so no password can ever match it.
    /// </summary>
    public const string ExternalOnlyPasswordHash = "!external-sign-in-only";

    /// <summary>Whether the account has no password and signs in only through the directory (an external sign-in).</summary>
    public bool IsExternalOnly => string.Equals(PasswordHash, ExternalOnlyPasswordHash, StringComparison.Ordinal);

    /// <summary>Whether sign-in is refused at <paramref name="now"/> because of repeated failures.</summary>
    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>Services a reviewer is granted: they see an item whose queue OR service is granted.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>
    /// Changes whenever the account's sessions must end (sign-out, an administrator's "end sessions"); a session cookie
    /// carries the stamp it was issued with and is refused once it differs. Empty for an account never rotated.
    /// </summary>
    public string SessionStamp { get; init; } = string.Empty;

    /// <summary>The account's TOTP secret (base32) once enrolled in two-factor sign-in, else null.</summary>
    public string? TotpSecret { get; init; }

    /// <summary>Whether the account signs in with a password and a TOTP code.</summary>
    public bool HasTotp => !string.IsNullOrEmpty(TotpSecret);

    /// <summary>The directory identity the account was bound to at its first directory sign-in, or null.</summary>
    public ExternalIdentity? ExternalIdentity { get; init; }
}
