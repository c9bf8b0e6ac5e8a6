using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Core.PublicStatus;

/// <summary>The security-audit rows of the status page, worded once for every store. Never the check value typed.</summary>
public static class StatusCheckAudit
{
    /// <summary>Who the rows name as actor.</summary>
    public const string Actor = "public-site";

    /// <summary>A check that did not match the reference (or no item has the reference: the same row either way).</summary>
    public static SecurityEvent Failed(string reference) =>
        new(Actor, AuditActions.StatusCheckFailed, reference, "the check given did not match");

    /// <summary>A look-up refused unread because too many checks failed.</summary>
    public static SecurityEvent Limited(string reference) =>
        new(Actor, AuditActions.StatusCheckLimited, reference, "too many failed checks for this reference or address");
}
