using System.Reflection;
using System.Text.Json;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Storage.Sqlite;
using Dapper;

namespace AutomationFleet.Storage.Postgres;

/// <summary>
/// Rows as PostgreSQL returns them (bigint times in unix milliseconds, booleans for flags), mapped by Dapper from the
/// statements' snake_case columns, and their conversion to Core's records. As in <c>SqliteRows</c>, the underscore
/// mapping is registered for these types only.
/// </summary>
internal static class PostgresRows
{
    private const string EmptyJsonList = "[]";

    private static readonly Lazy<bool> Registered = new(() =>
    {
        foreach (var type in typeof(PostgresRows).GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public))
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

    /// <summary>A <c>work_items</c> row (<see cref="PostgresStatements.ItemColumns"/>).</summary>
    internal sealed class ItemRow
    {
        public long Id { get; set; }

        public string Queue { get; set; } = string.Empty;

        public string Reference { get; set; } = string.Empty;

        public string PayloadJson { get; set; } = "{}";

        public string AttachmentsJson { get; set; } = EmptyJsonList;

        public int Priority { get; set; }

        public long? DueAt { get; set; }

        public int State { get; set; }

        public int Attempts { get; set; }

        public string? LeaseOwner { get; set; }

        public long? LeaseExpiresAt { get; set; }

        public long? NextAttemptAt { get; set; }

        public string? OutcomeJson { get; set; }

        public double? Confidence { get; set; }

        public string? OutcomeDecidedBy { get; set; }

        public string? LastError { get; set; }

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }

        public WorkItem ToItem()
        {
            IReadOnlyList<AttachmentRef> attachments = AttachmentsJson == EmptyJsonList
                ? []
                : JsonSerializer.Deserialize(AttachmentsJson, StorageJsonContext.Default.IReadOnlyListAttachmentRef) ?? [];
            return new WorkItem(
                Id, Queue, Reference, PayloadJson, attachments, Priority, Time(DueAt), (WorkItemState)State, Attempts, LeaseOwner,
                Time(LeaseExpiresAt), Time(NextAttemptAt), OutcomeJson, Confidence, OutcomeDecidedBy, LastError, Time(CreatedAt), Time(UpdatedAt));
        }
    }

    /// <summary>The columns a lease check reads (<see cref="PostgresStatements.LockLeaseHolder"/>).</summary>
    internal sealed class LeaseHolderRow
    {
        public string Reference { get; set; } = string.Empty;

        public int State { get; set; }

        public string? LeaseOwner { get; set; }

        public int Attempts { get; set; }
    }

    /// <summary>An <c>audit_log</c> row.</summary>
    internal sealed class AuditRow
    {
        public long Id { get; set; }

        public long ItemId { get; set; }

        public string Reference { get; set; } = string.Empty;

        public long At { get; set; }

        public string Actor { get; set; } = string.Empty;

        public int? FromState { get; set; }

        public int ToState { get; set; }

        public string Reason { get; set; } = string.Empty;

        public AuditEntry ToEntry() =>
            new(Id, ItemId, Reference, Time(At), Actor, (WorkItemState?)FromState, (WorkItemState)ToState, Reason);
    }

    /// <summary>One queue and state's count (<see cref="PostgresStatements.Depth"/>).</summary>
    internal sealed class DepthRow
    {
        public string Queue { get; set; } = string.Empty;

        public int State { get; set; }

        public long Count { get; set; }

        public long Oldest { get; set; }

        public QueueDepth ToDepth() => new(Queue, (WorkItemState)State, (int)Count, Time(Oldest));
    }

    /// <summary>A <c>side_effects</c> row.</summary>
    internal sealed class SideEffectRow
    {
        public string Key { get; set; } = string.Empty;

        public long ItemId { get; set; }

        public string Step { get; set; } = string.Empty;

        public bool Idempotent { get; set; }

        public int Status { get; set; }

        public long StartedAt { get; set; }

        public long? CompletedAt { get; set; }

        public string? ResultJson { get; set; }

        public SideEffectRecord ToRecord() =>
            new(Key, ItemId, Step, Idempotent, (SideEffectStatus)Status, Time(StartedAt), Time(CompletedAt), ResultJson);
    }

    /// <summary>A <c>workers</c> row; liveness is Core's rule.</summary>
    internal sealed class WorkerRow
    {
        public string WorkerId { get; set; } = string.Empty;

        public string Host { get; set; } = string.Empty;

        public int Pid { get; set; }

        public string QueuesJson { get; set; } = EmptyJsonList;

        public int InFlight { get; set; }

        public long StartedAt { get; set; }

        public long LastSeenAt { get; set; }

        public long? StoppedAt { get; set; }

        public DateTimeOffset LastSeen => Time(LastSeenAt);

        public DateTimeOffset? Stopped => Time(StoppedAt);

        public DateTimeOffset Started => Time(StartedAt);
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

    /// <summary>A <c>users</c> row (<see cref="PostgresStatements.UserColumns"/>).</summary>
    internal sealed class UserRow
    {
        public string Name { get; set; } = string.Empty;

        public string PasswordHash { get; set; } = string.Empty;

        public int Role { get; set; }

        public bool Disabled { get; set; }

        public int FailedSignIns { get; set; }

        public long? LockedUntil { get; set; }

        public long CreatedAt { get; set; }

        public string SessionStamp { get; set; } = string.Empty;

        public string? ExternalIssuer { get; set; }

        public string? ExternalSubject { get; set; }

        public string? TotpSecret { get; set; }

        public UserAccount ToAccount(IReadOnlyList<string> queues, IReadOnlyList<string> services) =>
            new(Name, PasswordHash, (UserRole)Role, Disabled, FailedSignIns, Time(LockedUntil), queues, Time(CreatedAt))
            {
                Services = services,
                SessionStamp = SessionStamp,
                TotpSecret = TotpSecret,
                ExternalIdentity = ExternalSubject is null ? null : new ExternalIdentity(ExternalIssuer ?? string.Empty, ExternalSubject),
            };
    }

    /// <summary>A <c>security_audit</c> row.</summary>
    internal sealed class SecurityEventRow
    {
        public long Id { get; set; }

        public long At { get; set; }

        public string Actor { get; set; } = string.Empty;

        public string Action { get; set; } = string.Empty;

        public string Target { get; set; } = string.Empty;

        public string Detail { get; set; } = string.Empty;

        public SecurityAuditEntry ToEntry() => new(Id, Time(At), Actor, Action, Target, Detail);
    }

    /// <summary>One grant (a queue or a service) of one account.</summary>
    internal sealed class GrantRow
    {
        public string Name { get; set; } = string.Empty;

        public string Value { get; set; } = string.Empty;
    }

    /// <summary>A review task with its item's reference, queue and due date (<see cref="PostgresStatements.ReviewColumns"/>).</summary>
    internal sealed class ReviewTaskRow
    {
        public long ItemId { get; set; }

        public string Reference { get; set; } = string.Empty;

        public string Queue { get; set; } = string.Empty;

        public string Bot { get; set; } = string.Empty;

        public string? Category { get; set; }

        public string? ProposalJson { get; set; }

        public double Confidence { get; set; }

        public string EvidenceJson { get; set; } = "{}";

        public string ReasonsJson { get; set; } = EmptyJsonList;

        public bool Urgent { get; set; }

        public bool Escalated { get; set; }

        public string? ClaimedBy { get; set; }

        public long? ClaimExpiresAt { get; set; }

        public long? DueAt { get; set; }

        public long CreatedAt { get; set; }

        public string? Service { get; set; }

        /// <summary>The task as Core sees it at <paramref name="now"/>: an expired claim is no claim (Core's rule).</summary>
        public ReviewTask ToTask(long now)
        {
            var reasons = JsonSerializer.Deserialize(ReasonsJson, StorageJsonContext.Default.IReadOnlyListString) ?? [];
            var claimExpires = Time(ClaimExpiresAt);
            var claimLive = ReviewRules.IsClaimLive(claimExpires, Time(now));
            return new ReviewTask(
                ItemId,
                Reference,
                Queue,
                new ReviewRequest(Bot, Category, ProposalJson, Confidence, EvidenceJson, reasons, Urgent, Service),
                Escalated,
                claimLive ? ClaimedBy : null,
                claimLive ? claimExpires : null,
                Time(DueAt),
                Time(CreatedAt));
        }
    }

    /// <summary>What a review decision reads (<see cref="PostgresStatements.LockReviewDecisionInput"/>).</summary>
    internal sealed class DecisionInputRow
    {
        public string? ClaimedBy { get; set; }

        public long? ClaimExpiresAt { get; set; }

        public long? ClosedAt { get; set; }

        public string Bot { get; set; } = string.Empty;

        public string? Category { get; set; }

        public string? ProposalJson { get; set; }

        public string Reference { get; set; } = string.Empty;

        public int State { get; set; }

        public string PayloadJson { get; set; } = "{}";

        public bool Escalated { get; set; }

        public DateTimeOffset? ClaimExpires => Time(ClaimExpiresAt);
    }

    /// <summary>A review count group (<see cref="PostgresStatements.CountReviewTasks"/>).</summary>
    internal sealed class ReviewCountRow
    {
        public string Bot { get; set; } = string.Empty;

        public string? Category { get; set; }

        public string? Service { get; set; }

        public long Count { get; set; }

        public long Urgent { get; set; }

        public long Escalated { get; set; }

        public ReviewCount ToCount() => new(Bot, Category, Service, (int)Count, (int)Urgent, (int)Escalated);
    }

    /// <summary>A <c>labelled_examples</c> row.</summary>
    internal sealed class LabelledExampleRow
    {
        public long Id { get; set; }

        public string Bot { get; set; } = string.Empty;

        public long ItemId { get; set; }

        public string Reference { get; set; } = string.Empty;

        public string PayloadJson { get; set; } = "{}";

        public string? ProposedCategory { get; set; }

        public string? ProposedOutcomeJson { get; set; }

        public string? CorrectedCategory { get; set; }

        public string CorrectedOutcomeJson { get; set; } = "{}";

        public string Reviewer { get; set; } = string.Empty;

        public long At { get; set; }

        public LabelledExample ToExample() =>
            new(Id, Bot, ItemId, Reference, PayloadJson, ProposedCategory, ProposedOutcomeJson, CorrectedCategory, CorrectedOutcomeJson, Reviewer, Time(At));
    }

    /// <summary>The review backlog's one row (<see cref="PostgresStatements.ReviewBacklog"/>).</summary>
    internal sealed class ReviewBacklogRow
    {
        public long Open { get; set; }

        public long Urgent { get; set; }

        public long Escalated { get; set; }

        public long Overdue { get; set; }

        public long DueSoon { get; set; }

        public long DueLater { get; set; }

        public long NoDueDate { get; set; }

        public long? OldestCreatedAt { get; set; }

        public ReviewBacklog ToBacklog() =>
            new((int)Open, (int)Urgent, (int)Escalated, (int)Overdue, (int)DueSoon, (int)DueLater, (int)NoDueDate, Time(OldestCreatedAt));
    }

    /// <summary>An <c>incidents</c> row (<see cref="PostgresStatements.IncidentColumns"/>); the state is its name.</summary>
    internal sealed class IncidentRow
    {
        public string Reference { get; set; } = string.Empty;

        public string FirstReport { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string KindGroup { get; set; } = string.Empty;

        public string Severity { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public string Team { get; set; } = string.Empty;

        public string? Assignee { get; set; }

        public string? Area { get; set; }

        public string? PlaceId { get; set; }

        public double? Latitude { get; set; }

        public double? Longitude { get; set; }

        public string? PersonId { get; set; }

        public long OccurredAt { get; set; }

        public long OpenedAt { get; set; }

        public long Deadline { get; set; }

        public long? EscalatedAt { get; set; }

        public int ReportCount { get; set; }

        public string Summary { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        /// <summary>Null unless the query selected it (<see cref="PostgresStatements.NearbyIncidentColumns"/>).</summary>
        public string? TextVectorModel { get; set; }

        public byte[]? TextVector { get; set; }

        public Incident ToIncident() =>
            new(Reference, FirstReport, Kind, KindGroup, Severity, IncidentStateName(State), Team, Assignee, Area, PlaceId, Latitude, Longitude,
                PersonId, Time(OccurredAt), Time(OpenedAt), Time(Deadline), Time(EscalatedAt), ReportCount, Summary, Text,
                IncidentTextVector.FromStored(TextVectorModel, TextVector));
    }

    /// <summary>An <c>incident_audit</c> row.</summary>
    internal sealed class IncidentAuditRow
    {
        public string Reference { get; set; } = string.Empty;

        public long At { get; set; }

        public string Actor { get; set; } = string.Empty;

        public string Action { get; set; } = string.Empty;

        public string? FromState { get; set; }

        public string? ToState { get; set; }

        public string Detail { get; set; } = string.Empty;

        public IncidentAuditEntry ToEntry() =>
            new(Reference, Time(At), Actor, Action, FromState is null ? null : IncidentStateName(FromState), ToState is null ? null : IncidentStateName(ToState), Detail);
    }

    /// <summary>An incident state stored by name.</summary>
    public static IncidentState IncidentStateName(string value) => Enum.Parse<IncidentState>(value, ignoreCase: false);

    /// <summary>Failed status-page checks in the window, per reference and per client.</summary>
    internal sealed class StatusCheckFailuresRow
    {
        public long ByReference { get; set; }

        public long ByClient { get; set; }
    }

    /// <summary>Status-page look-ups that found an item, distinct items looked up, and items in the store.</summary>
    internal sealed class StatusLookupsRow
    {
        public long LookUps { get; set; }

        public long ItemsLookedUp { get; set; }

        public long Items { get; set; }
    }
}
