namespace AutomationFleet.Core.Audit;

/// <summary>
/// The action names of the security audit (<see cref="Users.SecurityEvent.Action"/>), in one place for the portal, the
/// CLI and every store. The item audit trail records state changes, not actions; the incident audit has its own
/// names in <see cref="Incidents.IncidentActions"/>.
/// </summary>
public static class AuditActions
{
    /// <summary>A person signed in to the portal.</summary>
    public const string SignIn = "sign-in";

    /// <summary>A sign-in was refused.</summary>
    public const string SignInFailed = "sign-in-failed";

    /// <summary>A person signed out.</summary>
    public const string SignOut = "sign-out";

    /// <summary>A request was refused for lack of access.</summary>
    public const string Denied = "denied";

    /// <summary>A person opened an item.</summary>
    public const string ItemView = "item-view";

    /// <summary>A person opened an item's document.</summary>
    public const string DocumentView = "document-view";

    /// <summary>A person decided a review task.</summary>
    public const string ReviewDecision = "review-decision";

    /// <summary>A supervisor gave a review task to a named account.</summary>
    public const string ReviewReassigned = "review-reassigned";

    /// <summary>A supervisor released someone's claim on a review task.</summary>
    public const string ClaimReleased = "claim-released";

    /// <summary>An account was added.</summary>
    public const string UserAdded = "user-added";

    /// <summary>An account was disabled.</summary>
    public const string UserDisabled = "user-disabled";

    /// <summary>An account was enabled again.</summary>
    public const string UserEnabled = "user-enabled";

    /// <summary>A reviewer was granted a queue.</summary>
    public const string QueueGranted = "queue-granted";

    /// <summary>A reviewer was granted a service.</summary>
    public const string ServiceGranted = "service-granted";

    /// <summary>An account's password hash was replaced.</summary>
    public const string PasswordChanged = "password-changed";

    /// <summary>A confidence threshold override was set.</summary>
    public const string ThresholdSet = "threshold-set";

    /// <summary>A confidence threshold override was cleared.</summary>
    public const string ThresholdCleared = "threshold-cleared";

    /// <summary>Every session of an account was ended (new session stamp): at sign-out or by an administrator.</summary>
    public const string SessionsEnded = "sessions-ended";

    /// <summary>An account was bound to its directory identity (issuer and subject) at its first directory sign-in.</summary>
    public const string DirectoryBound = "directory-bound";

    /// <summary>An account was enrolled in TOTP two-factor sign-in.</summary>
    public const string MfaEnrolled = "mfa-enrolled";

    /// <summary>An administrator paused a schedule.</summary>
    public const string SchedulePaused = "schedule-paused";

    /// <summary>An administrator resumed a schedule.</summary>
    public const string ScheduleResumed = "schedule-resumed";

    /// <summary>An administrator fired a schedule now.</summary>
    public const string ScheduleTriggered = "schedule-triggered";

    /// <summary>An administrator replayed a dead-lettered item.</summary>
    public const string DeadLetterReplayed = "dead-letter-replayed";

    /// <summary>An administrator searched the audit trail.</summary>
    public const string AuditSearched = "audit-searched";

    /// <summary>A citizen (or staff for them, from the CLI) stopped proactive updates to an address or about an item.</summary>
    public const string UpdatesOptedOut = "updates-opted-out";

    /// <summary>A bot was paused fleet-wide.</summary>
    public const string BotPaused = "bot-paused";

    /// <summary>A paused bot was resumed.</summary>
    public const string BotResumed = "bot-resumed";

    /// <summary>A person cancelled a work item (the item's own audit trail has the state change).</summary>
    public const string ItemCancelled = "item-cancelled";

    /// <summary>The retention purge ran one policy (target <c>retention:POLICY</c>; detail: the counts).</summary>
    public const string RetentionPurge = "retention-purge";

    /// <summary>Everything held about one person was exported (detail: the search kind and counts, never the searched values).</summary>
    public const string SubjectAccessExport = "subject-access-export";

    /// <summary>A status-page check (postcode or date of birth) did not match (target: the reference typed; never the check).</summary>
    public const string StatusCheckFailed = "status-check-failed";

    /// <summary>A status-page look-up was refused because too many checks failed (target: the reference typed).</summary>
    public const string StatusCheckLimited = "status-check-limited";
}
