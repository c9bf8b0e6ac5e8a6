using AutomationFleet.Core.Users;

namespace AutomationFleet.Storage.Postgres;

/// <content>Portal accounts, queue and service grants and the security audit (<see cref="IUserStore"/>).</content>
public sealed partial class PostgresFleetStore : IUserStore
{
    /// <inheritdoc />
    public Task AddUserAsync(string name, string passwordHash, UserRole role, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        return WriteAsync(
            async session =>
            {
                var added = await session.ExecuteAsync(PostgresStatements.InsertUser, new { name, hash = passwordHash, role = (int)role, now = session.Now });
                if (added == 0)
                {
                    throw new UserExistsException(name);
                }

                return await InsertSecurityEventAsync(session, AccountAudit.Added(actor, name, role));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserAccount?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return ReadAsync(session => ReadUserAsync(session, name), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<UserAccount>>(
            async session =>
            {
                var queueGrants = await ReadGrantsAsync(session, PostgresStatements.ListUserQueues);
                var serviceGrants = await ReadGrantsAsync(session, PostgresStatements.ListUserServices);
                return (await session.QueryAsync<PostgresRows.UserRow>(PostgresStatements.ListUsers))
                    .Select(row => row.ToAccount(queueGrants[row.Name].ToList(), serviceGrants[row.Name].ToList()))
                    .ToList();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task SetUserDisabledAsync(string name, bool disabled, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                var account = await CanonicalNameAsync(session, name);
                await session.ExecuteAsync(PostgresStatements.SetUserDisabled, new { name = account, disabled });
                return await InsertSecurityEventAsync(session, AccountAudit.DisabledChanged(actor, account, disabled));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task GrantQueueAsync(string name, string queue, string actor, CancellationToken cancellationToken) =>
        GrantAsync(name, PostgresStatements.GrantUserQueue, queue, account => AccountAudit.QueueGranted(actor, account, queue), actor, cancellationToken);

    /// <inheritdoc />
    public Task GrantServiceAsync(string name, string service, string actor, CancellationToken cancellationToken) =>
        GrantAsync(name, PostgresStatements.GrantUserService, service, account => AccountAudit.ServiceGranted(actor, account, service), actor, cancellationToken);

    /// <inheritdoc />
    public Task SetPasswordHashAsync(string name, string passwordHash, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                var account = await CanonicalNameAsync(session, name);
                await session.ExecuteAsync(PostgresStatements.SetUserPasswordHash, new { name = account, hash = passwordHash });
                return await InsertSecurityEventAsync(session, AccountAudit.PasswordChanged(actor, account));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<SignInAttempt> BeginSignInAttemptAsync(string name, int maxFailures, TimeSpan lockout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lockout, TimeSpan.Zero);
        return WriteAsync(
            async session =>
            {
                var locked = await session.ScalarAsync<bool?>(
                    PostgresStatements.BeginSignInAttempt,
                    new { name, max = maxFailures, now = session.Now, lockedUntil = session.Now + Milliseconds(lockout) });
                return locked switch
                {
                    true => SignInAttempt.AllowedThenLocked,
                    false => SignInAttempt.Allowed,
                    null when await session.ScalarAsync<string>(PostgresStatements.SelectUserName, new { name }) is null => SignInAttempt.UnknownAccount,
                    null => SignInAttempt.Locked,
                };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task EndSessionsAsync(string name, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                var account = await CanonicalNameAsync(session, name);
                await session.ExecuteAsync(PostgresStatements.SetSessionStamp, new { name = account, stamp = SessionStamps.New() });
                return await InsertSecurityEventAsync(session, AccountAudit.SessionsEnded(actor, account, reason ?? string.Empty));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task EnrolTotpAsync(string name, string secret, IReadOnlyCollection<string> recoveryCodeHashes, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ArgumentNullException.ThrowIfNull(recoveryCodeHashes);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                var account = await CanonicalNameAsync(session, name);
                await session.ExecuteAsync(PostgresStatements.SetTotp, new { name = account, secret });
                await session.ExecuteAsync(PostgresStatements.DeleteRecoveryCodes, new { name = account });
                foreach (var hash in recoveryCodeHashes)
                {
                    await session.ExecuteAsync(PostgresStatements.InsertRecoveryCode, new { name = account, hash });
                }

                return await InsertSecurityEventAsync(session, AccountAudit.TotpEnrolled(actor, account, recoveryCodeHashes.Count));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryUseTotpStepAsync(string name, long step, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WriteAsync(async session => await session.ExecuteAsync(PostgresStatements.UseTotpStep, new { name, step }) == 1, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReplaceStoredTotpSecretAsync(string name, string current, string replacement, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(replacement);
        return WriteAsync(
            async session => await session.ExecuteAsync(PostgresStatements.ReplaceTotpSecret, new { name, current, replacement }) == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryUseRecoveryCodeAsync(string name, string codeHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(codeHash);
        return WriteAsync(
            async session => await session.ExecuteAsync(PostgresStatements.UseRecoveryCode, new { name, hash = codeHash, now = session.Now }) == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExternalIdentity?> BindExternalIdentityAsync(string name, ExternalIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Subject);
        return WriteAsync<ExternalIdentity?>(
            async session =>
            {
                // The row lock (FOR UPDATE) makes a second first sign-in wait and then read the first one's binding.
                var account = await session.ScalarAsync<string>(PostgresStatements.LockUserName, new { name });
                if (account is null)
                {
                    return null;
                }

                var bound = await session.ExecuteAsync(
                    PostgresStatements.BindExternalIdentity, new { name = account, issuer = identity.Issuer, subject = identity.Subject });
                if (bound == 1)
                {
                    await InsertSecurityEventAsync(session, AccountAudit.DirectoryBound(account, identity));
                    return identity;
                }

                return (await ReadUserAsync(session, account))?.ExternalIdentity;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordSignInAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WriteAsync(session => session.ExecuteAsync(PostgresStatements.RecordSignIn, new { name }), cancellationToken);
    }

    /// <inheritdoc />
    public Task AppendSecurityEventAsync(SecurityEvent securityEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(securityEvent.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(securityEvent.Action);
        return WriteAsync(session => InsertSecurityEventAsync(session, securityEvent), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SecurityAuditEntry>> ListSecurityEventsAsync(string? target, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<SecurityAuditEntry>>(
            async session => (await session.QueryAsync<PostgresRows.SecurityEventRow>(
                    target is null ? PostgresStatements.ListSecurityEvents : PostgresStatements.ListSecurityEventsForTarget,
                    new { target, limit }))
                .Select(row => row.ToEntry())
                .ToList(),
            cancellationToken);
    }

    /// <summary>
    /// One grant (<paramref name="statement"/> takes <c>@name</c>, <c>@value</c> and <c>@now</c>) and its security-audit
    /// row (Core's <see cref="AccountAudit"/>, given the account's stored name), in one transaction.
    /// </summary>
    private Task<int> GrantAsync(
        string name, string statement, string value, Func<string, SecurityEvent> audit, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            async session =>
            {
                var account = await CanonicalNameAsync(session, name);
                await session.ExecuteAsync(statement, new { name = account, value, now = session.Now });
                return await InsertSecurityEventAsync(session, audit(account));
            },
            cancellationToken);
    }

    private static Task<int> InsertSecurityEventAsync(Session session, SecurityEvent securityEvent) =>
        session.ExecuteAsync(
            PostgresStatements.InsertSecurityEvent,
            new
            {
                now = session.Now,
                actor = securityEvent.Actor,
                action = securityEvent.Action,
                target = securityEvent.Target ?? string.Empty,
                detail = securityEvent.Detail ?? string.Empty,
            });

    // The account's name as stored (names match case-insensitively), so audit rows always name it one way; the row is
    // locked until the transaction ends.
    private static async Task<string> CanonicalNameAsync(Session session, string name) =>
        await session.ScalarAsync<string>(PostgresStatements.LockUserName, new { name }) ?? throw new UserNotFoundException(name);

    /// <summary>The account with its grants, or null.</summary>
    private static async Task<UserAccount?> ReadUserAsync(Session session, string name)
    {
        var row = await session.SingleOrDefaultAsync<PostgresRows.UserRow>(PostgresStatements.SelectUser, new { name });
        if (row is null)
        {
            return null;
        }

        return row.ToAccount(
            await session.QueryAsync<string>(PostgresStatements.SelectUserQueues, new { name = row.Name }),
            await session.QueryAsync<string>(PostgresStatements.SelectUserServices, new { name = row.Name }));
    }

    /// <summary>Every account's grants of one kind, by account name.</summary>
    private static async Task<ILookup<string, string>> ReadGrantsAsync(Session session, string sql) =>
        (await session.QueryAsync<PostgresRows.GrantRow>(sql)).ToLookup(grant => grant.Name, grant => grant.Value, StringComparer.OrdinalIgnoreCase);
}
