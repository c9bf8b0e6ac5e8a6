namespace AutomationFleet.Core.Users;

/// <summary>
/// Portal accounts, their queue grants and the append-only security audit, in the fleet's store. Every change to an
/// account also appends a security audit row in the same transaction. Times come from the store's clock.
/// </summary>
public interface IUserStore
{
    /// <summary>Adds an account. Throws <see cref="UserExistsException"/> if the name is taken (case-insensitive).</summary>
    Task AddUserAsync(string name, string passwordHash, UserRole role, string actor, CancellationToken cancellationToken);

    /// <summary>The account, or null. Names compare case-insensitively.</summary>
    Task<UserAccount?> FindUserAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>Disables or re-enables an account. Throws <see cref="UserNotFoundException"/>.</summary>
    Task SetUserDisabledAsync(string name, bool disabled, string actor, CancellationToken cancellationToken);

    /// <summary>Grants a reviewer a queue (a no-op if granted). Throws <see cref="UserNotFoundException"/>.</summary>
    Task GrantQueueAsync(string name, string queue, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Grants a reviewer a service (a no-op if granted): they see items of that service in any queue.
    /// Throws <see cref="UserNotFoundException"/>.
    /// </summary>
    Task GrantServiceAsync(string name, string service, string actor, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash (after a rehash or a reset). Throws <see cref="UserNotFoundException"/>.</summary>
    Task SetPasswordHashAsync(string name, string passwordHash, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Checks and counts a password attempt in one atomic step, before the password is checked: a locked account is
    /// refused (<see cref="SignInAttempt.Locked"/>); otherwise the attempt is counted as a failure in advance and, at
    /// <paramref name="maxFailures"/>, locks the account for <paramref name="lockout"/> (the count starts again).
    /// A correct password then clears the count with <see cref="RecordSignInAsync"/>. Because the check and the count are
    /// one statement, parallel guesses cannot get more than <paramref name="maxFailures"/> attempts past a lock.
    /// </summary>
    Task<SignInAttempt> BeginSignInAttemptAsync(string name, int maxFailures, TimeSpan lockout, CancellationToken cancellationToken);

    /// <summary>
    /// Ends every session of the account: a new session stamp (<see cref="UserAccount.SessionStamp"/>), so cookies
    /// carrying the old one are refused at their next request. Audited as <c>sessions-ended</c> by
    /// <paramref name="actor"/> in the same transaction. Throws <see cref="UserNotFoundException"/>.
    /// </summary>
    Task EndSessionsAsync(string name, string actor, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Binds the account to a directory identity (issuer and subject) if it has none yet, in one atomic step, audited
    /// (<c>directory-bound</c>). Returns the account's binding as it is afterwards (its own if it was already bound,
    /// which the caller compares), or null if no account has the name.
    /// </summary>
    Task<ExternalIdentity?> BindExternalIdentityAsync(string name, ExternalIdentity identity, CancellationToken cancellationToken);

    /// <summary>
    /// Enrols the account in TOTP two-factor sign-in: stores <paramref name="secret"/> (base32), forgets any step used
    /// before and replaces its recovery codes with <paramref name="recoveryCodeHashes"/> (hashes only, never the codes).
    /// Audited (<c>mfa-enrolled</c>) in the same transaction. Throws <see cref="UserNotFoundException"/>.
    /// </summary>
    Task EnrolTotpAsync(string name, string secret, IReadOnlyCollection<string> recoveryCodeHashes, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Marks TOTP time step <paramref name="step"/> used, atomically, only if it is later than every step the account used
    /// before: true if so, false for a replayed (or older) code.
    /// </summary>
    Task<bool> TryUseTotpStepAsync(string name, long step, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored form of the account's TOTP secret (the same secret, protected at rest) if it is still
    /// <paramref name="current"/>, atomically: true if replaced, false if the account has another (it re-enrolled) or none.
    /// Not audited: nothing about the account's sign-in changes.
    /// </summary>
    Task<bool> ReplaceStoredTotpSecretAsync(string name, string current, string replacement, CancellationToken cancellationToken);

    /// <summary>Marks an unused recovery code (by its hash) used, atomically: true if it was there and unused, else false.</summary>
    Task<bool> TryUseRecoveryCodeAsync(string name, string codeHash, CancellationToken cancellationToken);

    /// <summary>Clears the failure count and any lock after a successful sign-in.</summary>
    Task RecordSignInAsync(string name, CancellationToken cancellationToken);

    /// <summary>Appends a row to the security audit.</summary>
    Task AppendSecurityEventAsync(SecurityEvent securityEvent, CancellationToken cancellationToken);

    /// <summary>The newest security audit rows first, optionally only those about <paramref name="target"/>.</summary>
    Task<IReadOnlyList<SecurityAuditEntry>> ListSecurityEventsAsync(string? target, int limit, CancellationToken cancellationToken);
}
