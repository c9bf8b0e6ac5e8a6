using AutomationFleet.Core.Audit;

namespace AutomationFleet.Core.Users;

/// <summary>
/// The security-audit rows an account change writes, worded once for every store (each store appends the row in the
/// same transaction as the change). <c>account</c> parameters are the account's name as stored.
/// </summary>
public static class AccountAudit
{
    /// <summary>An account was added with a role.</summary>
    public static SecurityEvent Added(string actor, string account, UserRole role) =>
        new(actor, AuditActions.UserAdded, account, "role " + role);

    /// <summary>An account was disabled or enabled again.</summary>
    public static SecurityEvent DisabledChanged(string actor, string account, bool disabled) =>
        new(actor, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, account, string.Empty);

    /// <summary>A reviewer was granted a queue.</summary>
    public static SecurityEvent QueueGranted(string actor, string account, string queue) =>
        new(actor, AuditActions.QueueGranted, account, "queue " + queue);

    /// <summary>A reviewer was granted a service.</summary>
    public static SecurityEvent ServiceGranted(string actor, string account, string service) =>
        new(actor, AuditActions.ServiceGranted, account, "service " + service);

    /// <summary>An account's password hash was replaced.</summary>
    public static SecurityEvent PasswordChanged(string actor, string account) =>
        new(actor, AuditActions.PasswordChanged, account, string.Empty);

    /// <summary>Every session of an account was ended (sign-out, or an administrator).</summary>
    public static SecurityEvent SessionsEnded(string actor, string account, string reason) =>
        new(actor, AuditActions.SessionsEnded, account, reason);

    /// <summary>An account was enrolled in TOTP two-factor sign-in (new secret and recovery codes).</summary>
    public static SecurityEvent TotpEnrolled(string actor, string account, int recoveryCodes) =>
        new(actor, AuditActions.MfaEnrolled, account, recoveryCodes + " recovery codes");

    /// <summary>An account was bound to a directory identity at its first directory sign-in.</summary>
    public static SecurityEvent DirectoryBound(string account, ExternalIdentity identity) =>
        new(account, AuditActions.DirectoryBound, account, "issuer " + identity.Issuer + "; subject " + identity.Subject);
}
