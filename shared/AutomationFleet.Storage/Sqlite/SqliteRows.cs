using System.Reflection;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using Dapper;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>
/// Rows as SQLite returns them (INTEGER is <see cref="long"/>, times are unix milliseconds), mapped by Dapper from the
/// statements' snake_case columns, and their conversion to Core's records. Dapper matches columns to properties by
/// name; <see cref="Register"/> teaches it <c>password_hash</c> → <c>PasswordHash</c> for these types only, rather than
/// flipping Dapper's process-wide underscore setting for everyone.
/// </summary>
internal static class SqliteRows
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        foreach (var type in new[] { typeof(UserRow), typeof(ThresholdOverrideRow), typeof(BotPauseRow), typeof(WorkerRow), typeof(SideEffectRow) })
        {
            SqlMapper.SetTypeMap(type, new CustomPropertyTypeMap(
                type,
                (rowType, column) => rowType.GetProperty(
                    column.Replace("_", string.Empty, StringComparison.Ordinal),
                    BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!));
        }

        return true;
    });

    /// <summary>Registers the column maps once per process; the store calls it before its first query.</summary>
    public static void Register() => _ = Registered.Value;

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static DateTimeOffset? Time(long? milliseconds) => milliseconds is { } value ? Time(value) : null;

    /// <summary>A <c>users</c> row (<see cref="SqliteStatements.UserColumns"/>).</summary>
    internal sealed class UserRow
    {
        public string Name { get; set; } = string.Empty;

        public string PasswordHash { get; set; } = string.Empty;

        public long Role { get; set; }

        public long Disabled { get; set; }

        public long FailedSignIns { get; set; }

        public long? LockedUntil { get; set; }

        public long CreatedAt { get; set; }

        public string SessionStamp { get; set; } = string.Empty;

        public string? ExternalIssuer { get; set; }

        public string? ExternalSubject { get; set; }

        public string? TotpSecret { get; set; }

        public UserAccount ToAccount(IReadOnlyList<string> queues, IReadOnlyList<string> services) =>
            new(Name, PasswordHash, (UserRole)Role, Disabled != 0, (int)FailedSignIns, Time(LockedUntil), queues, Time(CreatedAt))
            {
                Services = services,
                SessionStamp = SessionStamp,
                TotpSecret = TotpSecret,
                ExternalIdentity = ExternalSubject is null ? null : new ExternalIdentity(ExternalIssuer ?? string.Empty, ExternalSubject),
            };
    }

    /// <summary>A <c>threshold_overrides</c> row; the bot's own threshold is stored under category <c>''</c>.</summary>
    internal sealed class ThresholdOverrideRow
    {
        public string Bot { get; set; } = string.Empty;

        public string Category { get; set; } = string.Empty;

        public double Threshold { get; set; }

        public string SetBy { get; set; } = string.Empty;

        public long SetAt { get; set; }

        public string Reason { get; set; } = string.Empty;

        public ThresholdOverride ToOverride() =>
            new(Bot, Category.Length == 0 ? null : Category, Threshold, SetBy, Time(SetAt), Reason);
    }

    /// <summary>A <c>bot_pauses</c> row.</summary>
    internal sealed class BotPauseRow
    {
        public string Bot { get; set; } = string.Empty;

        public string PausedBy { get; set; } = string.Empty;

        public long PausedAt { get; set; }

        public string Reason { get; set; } = string.Empty;

        public BotPause ToPause() => new(Bot, PausedBy, Time(PausedAt), Reason);
    }

    /// <summary>A <c>workers</c> row; liveness is Core's rule (<see cref="Core.Workers.WorkerStatus.IsAliveAt"/>).</summary>
    internal sealed class WorkerRow
    {
        public string WorkerId { get; set; } = string.Empty;

        public string Host { get; set; } = string.Empty;

        public long Pid { get; set; }

        public string QueuesJson { get; set; } = "[]";

        public long InFlight { get; set; }

        public long StartedAt { get; set; }

        public long LastSeenAt { get; set; }

        public long? StoppedAt { get; set; }

        public DateTimeOffset LastSeen => Time(LastSeenAt);

        public DateTimeOffset? Stopped => Time(StoppedAt);

        public DateTimeOffset Started => Time(StartedAt);
    }

    /// <summary>A <c>side_effects</c> row (<see cref="SqliteStatements.SideEffectColumns"/>).</summary>
    internal sealed class SideEffectRow
    {
        public string Key { get; set; } = string.Empty;

        public long ItemId { get; set; }

        public string Step { get; set; } = string.Empty;

        public long Idempotent { get; set; }

        public long Status { get; set; }

        public long StartedAt { get; set; }

        public long? CompletedAt { get; set; }

        public string? ResultJson { get; set; }

        public SideEffectRecord ToRecord() =>
            new(Key, ItemId, Step, Idempotent != 0, (SideEffectStatus)Status, Time(StartedAt), Time(CompletedAt), ResultJson);
    }
}
