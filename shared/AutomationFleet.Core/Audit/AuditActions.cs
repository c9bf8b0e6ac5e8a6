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

    /// <summary>The retention purge ran one policy (target <c>retention:POLICY</c>; detail: the counts).</summary>
    public const string RetentionPurge = "retention-purge";

    /// <summary>Everything held about one person was exported (detail: the search kind and counts, never the searched values).</summary>
    public const string SubjectAccessExport = "subject-access-export";
}
