using System.Globalization;
using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Retention;

/// <summary>What retention may touch and how it is written down: the one place for both stores and the purge job.</summary>
public static class RetentionRules
{
    /// <summary>The payload (and review evidence) of a redacted item.</summary>
    public const string RedactedPayload = "{\"redacted\":true}";

    /// <summary>The prefix of the security-audit target of a purge: <c>retention:POLICY</c>.</summary>
    public const string TargetPrefix = "retention:";

    /// <summary>
    /// Only items in a final state (Completed, BusinessException, Cancelled) are redacted: a dead letter may be replayed
    /// and an item in review or in progress is still being worked on.
    /// </summary>
    public static bool MayRedact(WorkItemState state) => WorkItemTransitions.IsTerminal(state);

    /// <summary>The reason of a redaction's item audit row.</summary>
    public static string RedactedReason(string policy, TimeSpan after) =>
        string.Create(CultureInfo.InvariantCulture, $"redacted by retention policy {policy}: payload and documents removed {after.TotalDays:0} days after it finished");

    /// <summary>The security-audit target of a policy's purges.</summary>
    public static string TargetOf(string policy) => TargetPrefix + policy;

    /// <summary>The security-audit row of one policy's purge: who ran it and what it removed (counts only).</summary>
    public static SecurityEvent PurgeEvent(string actor, string policy, int itemsRedacted, int documentsDeleted, int documentsKept) =>
        new(actor, AuditActions.RetentionPurge, TargetOf(policy), string.Create(
            CultureInfo.InvariantCulture,
            $"items redacted {itemsRedacted}; documents deleted {documentsDeleted}; documents kept (still attached to a newer item) {documentsKept}"));
}
