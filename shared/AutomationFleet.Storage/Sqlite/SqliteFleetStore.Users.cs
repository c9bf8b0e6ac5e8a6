using AutomationFleet.Core.Users;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AutomationFleet.Storage.Sqlite;

/// <content>Portal accounts, queue and service grants and the security audit (<see cref="IUserStore"/>).</content>
public sealed partial class SqliteFleetStore
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
            now =>
            {
                var added = WriteCommand(SqliteStatements.InsertUser)
                    .Bind("$name", name).Bind("$hash", passwordHash).Bind("$role", (int)role).Bind("$now", now)
                    .ExecuteNonQuery();
                if (added == 0)
                {
                    throw new UserExistsException(name);
                }

                InsertSecurityEvent(now, AccountAudit.Added(actor, name, role));
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserAccount?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return ReadAsync((connection, _) => ReadUser(connection, name), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<UserAccount>>(
            (connection, _) =>
            {
                var queueGrants = ReadGrants(connection, SqliteStatements.ListUserQueues);
                var serviceGrants = ReadGrants(connection, SqliteStatements.ListUserServices);
                return connection.Query<SqliteRows.UserRow>(SqliteStatements.ListUsers)
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
            now =>
            {
                var account = CanonicalName(name);
                WriteCommand(SqliteStatements.SetUserDisabled).Bind("$name", account).Bind("$disabled", disabled ? 1 : 0).ExecuteNonQuery();
                InsertSecurityEvent(now, AccountAudit.DisabledChanged(actor, account, disabled));
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task GrantQueueAsync(string name, string queue, string actor, CancellationToken cancellationToken) =>
        GrantAsync(name, SqliteStatements.GrantUserQueue, "$queue", queue, account => AccountAudit.QueueGranted(actor, account, queue), actor, cancellationToken);

    /// <inheritdoc />
    public Task GrantServiceAsync(string name, string service, string actor, CancellationToken cancellationToken) =>
        GrantAsync(name, SqliteStatements.GrantUserService, "$service", service, account => AccountAudit.ServiceGranted(actor, account, service), actor, cancellationToken);

    /// <summary>
    /// One grant (<paramref name="statement"/> binds <c>$name</c>, <c>$now</c> and <paramref name="parameter"/>) and its
    /// security-audit row (Core's <see cref="AccountAudit"/>, given the account's stored name), in one transaction.
    /// </summary>
    private Task<int> GrantAsync(
        string name, string statement, string parameter, string value, Func<string, SecurityEvent> audit, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            now =>
            {
                var account = CanonicalName(name);
                WriteCommand(statement).Bind("$name", account).Bind(parameter, value).Bind("$now", now).ExecuteNonQuery();
                InsertSecurityEvent(now, audit(account));
                return 0;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SetPasswordHashAsync(string name, string passwordHash, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return WriteAsync(
            now =>
            {
                var account = CanonicalName(name);
                WriteCommand(SqliteStatements.SetUserPasswordHash).Bind("$name", account).Bind("$hash", passwordHash).ExecuteNonQuery();
                InsertSecurityEvent(now, AccountAudit.PasswordChanged(actor, account));
                return 0;
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
            now =>
            {
                // One statement on the one writer: the lock check and the count cannot be split by another attempt.
                var locked = WriteCommand(SqliteStatements.BeginSignInAttempt)
                    .Bind("$name", name).Bind("$max", maxFailures).Bind("$now", now).Bind("$lockedUntil", now + Milliseconds(lockout))
                    .ExecuteScalar();
                return locked switch
                {
                    null when WriteCommand(SqliteStatements.SelectUser).Bind("$name", name).ExecuteScalar() is null => SignInAttempt.UnknownAccount,
                    null => SignInAttempt.Locked,
                    long l when l != 0 => SignInAttempt.AllowedThenLocked,
                    _ => SignInAttempt.Allowed,
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
            now =>
            {
                var account = CanonicalName(name);
                WriteCommand(SqliteStatements.SetSessionStamp).Bind("$name", account).Bind("$stamp", SessionStamps.New()).ExecuteNonQuery();
                return InsertSecurityEvent(now, AccountAudit.SessionsEnded(actor, account, reason ?? string.Empty));
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
            now =>
            {
                var account = CanonicalName(name);
                WriteCommand(SqliteStatements.SetTotp).Bind("$name", account).Bind("$secret", secret).ExecuteNonQuery();
                WriteCommand(SqliteStatements.DeleteRecoveryCodes).Bind("$name", account).ExecuteNonQuery();
                foreach (var hash in recoveryCodeHashes)
                {
                    WriteCommand(SqliteStatements.InsertRecoveryCode).Bind("$name", account).Bind("$hash", hash).ExecuteNonQuery();
                }

                return InsertSecurityEvent(now, AccountAudit.TotpEnrolled(actor, account, recoveryCodeHashes.Count));
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryUseTotpStepAsync(string name, long step, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WriteAsync(now => WriteCommand(SqliteStatements.UseTotpStep).Bind("$name", name).Bind("$step", step).ExecuteNonQuery() == 1, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReplaceStoredTotpSecretAsync(string name, string current, string replacement, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(current);
        ArgumentException.ThrowIfNullOrWhiteSpace(replacement);
        return WriteAsync(
            _ => WriteCommand(SqliteStatements.ReplaceTotpSecret).Bind("$name", name).Bind("$current", current).Bind("$replacement", replacement).ExecuteNonQuery() == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryUseRecoveryCodeAsync(string name, string codeHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(codeHash);
        return WriteAsync(
            now => WriteCommand(SqliteStatements.UseRecoveryCode).Bind("$name", name).Bind("$hash", codeHash).Bind("$now", now).ExecuteNonQuery() == 1,
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
            now =>
            {
                if (WriteCommand(SqliteStatements.SelectUser).Bind("$name", name).ExecuteScalar() is not string account)
                {
                    return null;
                }

                var bound = WriteCommand(SqliteStatements.BindExternalIdentity)
                    .Bind("$name", account).Bind("$issuer", identity.Issuer).Bind("$subject", identity.Subject).ExecuteNonQuery();
                if (bound == 1)
                {
                    InsertSecurityEvent(now, AccountAudit.DirectoryBound(account, identity));
                    return identity;
                }

                return ReadUser(_writer!, account)?.ExternalIdentity;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordSignInAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WriteAsync(now => WriteCommand(SqliteStatements.RecordSignIn).Bind("$name", name).ExecuteNonQuery(), cancellationToken);
    }

    /// <inheritdoc />
    public Task AppendSecurityEventAsync(SecurityEvent securityEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(securityEvent.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(securityEvent.Action);
        return WriteAsync(now => InsertSecurityEvent(now, securityEvent), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SecurityAuditEntry>> ListSecurityEventsAsync(string? target, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<SecurityAuditEntry>>(
            (connection, _) =>
            {
                using var command = ReadCommand(
                    connection, target is null ? SqliteStatements.ListSecurityEvents : SqliteStatements.ListSecurityEventsForTarget);
                command.Bind("$limit", limit);
                if (target is not null)
                {
                    command.Bind("$target", target);
                }

                using var reader = command.ExecuteReader();
                var entries = new List<SecurityAuditEntry>();
                while (reader.Read())
                {
                    entries.Add(new SecurityAuditEntry(
                        reader.GetInt64(0), reader.GetTime(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
                }

                return entries;
            },
            cancellationToken);
    }

    private int InsertSecurityEvent(long now, SecurityEvent securityEvent) =>
        WriteCommand(SqliteStatements.InsertSecurityEvent)
            .Bind("$now", now)
            .Bind("$actor", securityEvent.Actor)
            .Bind("$action", securityEvent.Action)
            .Bind("$target", securityEvent.Target ?? string.Empty)
            .Bind("$detail", securityEvent.Detail ?? string.Empty)
            .ExecuteNonQuery();

    // The account's name as stored (names match case-insensitively), so audit rows always name it one way.
    private string CanonicalName(string name) =>
        WriteCommand(SqliteStatements.SelectUser).Bind("$name", name).ExecuteScalar() as string ?? throw new UserNotFoundException(name);

    /// <summary>The account with its grants, or null; on a reader, or on the writer inside a write (lock held).</summary>
    private static UserAccount? ReadUser(SqliteConnection connection, string name)
    {
        var row = connection.QuerySingleOrDefault<SqliteRows.UserRow>(SqliteStatements.SelectUser, new { name });
        return row?.ToAccount(
            connection.Query<string>(SqliteStatements.SelectUserQueues, new { name }).ToList(),
            connection.Query<string>(SqliteStatements.SelectUserServices, new { name }).ToList());
    }

    /// <summary>Every account's grants of one kind (a statement selecting name and value), by account name.</summary>
    private static ILookup<string, string> ReadGrants(SqliteConnection connection, string sql) =>
        connection.Query<(string Name, string Value)>(sql).ToLookup(grant => grant.Name, grant => grant.Value, StringComparer.OrdinalIgnoreCase);
}
