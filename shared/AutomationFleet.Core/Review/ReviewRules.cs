using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Review;

/// <summary>
/// The review queue's rules, once for every store: who may claim, decide, reassign and release; what a decision needs
/// and does; how claims expire; the audit wording. A store reads what the rules need (the task, the accounts) inside
/// its write transaction, calls these, and persists the result.
/// </summary>
public static class ReviewRules
{
    /// <summary>Supervisors and administrators: every item, escalations, reassignment.</summary>
    public static bool IsSupervisor(UserRole role) => role is UserRole.Supervisor or UserRole.Administrator;

    /// <summary>Whether the account is an enabled supervisor or administrator (null: no such account, so no).</summary>
    public static bool MaySupervise(UserAccount? account) => account is { Disabled: false } && IsSupervisor(account.Role);

    /// <summary>The account's stored name if it may supervise; otherwise <see cref="ReviewAccessException"/>.</summary>
    public static string RequireSupervisor(UserAccount? account, string name) =>
        MaySupervise(account) ? account!.Name : throw new ReviewAccessException($"{name} is not an enabled supervisor or administrator.");

    /// <summary>Whether a claim expiring at <paramref name="expiresAt"/> still holds at <paramref name="now"/>.</summary>
    public static bool IsClaimLive(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is { } expires && expires > now;

    /// <summary>
    /// Whether <paramref name="reviewer"/> may claim the task: an escalated task only by a supervisor
    /// (<see cref="ReviewAccessException"/>), and not while someone else holds a live claim (<see cref="ReviewClaimException"/>;
    /// the task's claim is already the live one, as a store reads it). Claiming again one's own claim extends it.
    /// </summary>
    public static void EnsureMayClaim(ReviewTask task, string reviewer, bool reviewerSupervises)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Escalated && !reviewerSupervises)
        {
            throw new ReviewAccessException($"Item {task.Reference} is escalated: only a supervisor or administrator may take it.");
        }

        if (task.ClaimedBy is { } holder && !string.Equals(holder, reviewer, StringComparison.Ordinal))
        {
            throw new ReviewClaimException($"Item {task.Reference} is claimed by {holder} until {task.ClaimExpiresAt:O}.");
        }
    }

    /// <summary>The tasks "claim next" may hand a reviewer: the filter, without escalated tasks unless they supervise.</summary>
    public static ReviewFilter ClaimableBy(ReviewFilter filter, bool reviewerSupervises)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return reviewerSupervises ? filter : filter with { Escalated = false };
    }

    /// <summary>
    /// Checks a decision before anything is read: every kind but approve needs a reason, a correction needs the
    /// corrected outcome, the kind must be known. Faults of the caller, so <see cref="ArgumentException"/>.
    /// </summary>
    public static void ValidateDecision(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind != ReviewDecisionKind.Approve && string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new ArgumentException($"A reason is required to {decision.Kind.ToString().ToLowerInvariant()} an item.", nameof(decision));
        }

        if (decision.Kind == ReviewDecisionKind.Correct && string.IsNullOrWhiteSpace(decision.CorrectedOutcomeJson))
        {
            throw new ArgumentException("A correction needs the corrected outcome.", nameof(decision));
        }

        if (!Enum.IsDefined(decision.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "Unknown review decision.");
        }
    }

    /// <summary>
    /// Whether <paramref name="reviewer"/> may decide now: they hold a live claim on the item
    /// (<see cref="ReviewClaimException"/> otherwise), and the item is not escalated unless they supervise
    /// (<see cref="ReviewAccessException"/>).
    /// </summary>
    public static void EnsureMayDecide(
        string reference, bool escalated, string? claimedBy, DateTimeOffset? claimExpiresAt, string reviewer, bool reviewerSupervises, DateTimeOffset now)
    {
        if (!string.Equals(claimedBy, reviewer, StringComparison.Ordinal) || !IsClaimLive(claimExpiresAt, now))
        {
            throw new ReviewClaimException($"Reviewer {reviewer} holds no live claim on item {reference}; claim it first.");
        }

        if (escalated && !reviewerSupervises)
        {
            throw new ReviewAccessException($"Item {reference} is escalated: only a supervisor or administrator may decide it.");
        }
    }

    /// <summary>
    /// What the decision does (after <see cref="ValidateDecision"/>): approve delivers the bot's proposal (none:
    /// <see cref="ArgumentException"/>, correct it instead), correct delivers the corrected outcome and keeps a labelled
    /// example (the proposed category unless corrected), reject ends the item as a business exception, escalate keeps
    /// it in review for a supervisor. Approve and correct leave the attempt count as it was.
    /// </summary>
    public static ReviewResolution Resolve(
        string reference, WorkItemState from, string? proposalJson, string? proposedCategory, ReviewDecision decision)
    {
        ValidateDecision(decision);
        var reason = string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason;
        ReviewResolution Move(WorkItemState to, string why, string? outcome = null, string? category = null)
        {
            WorkItemTransitions.EnsureAllowed(reference, from, to);
            return new ReviewResolution(decision.Kind, from, to, why, outcome, category);
        }

        return decision.Kind switch
        {
            ReviewDecisionKind.Approve => Move(
                WorkItemState.New,
                "approved" + (reason is null ? string.Empty : ": " + reason),
                proposalJson ?? throw new ArgumentException(
                    $"Item {reference} has no proposal to approve; correct it with an outcome instead.", nameof(decision))),
            ReviewDecisionKind.Correct => Move(
                WorkItemState.New, "corrected: " + reason, decision.CorrectedOutcomeJson, decision.CorrectedCategory ?? proposedCategory),
            ReviewDecisionKind.Reject => Move(WorkItemState.BusinessException, "rejected: " + reason),
            _ => Move(WorkItemState.NeedsReview, "escalated: " + reason),
        };
    }

    /// <summary>
    /// Checks that a supervisor may give the task to <paramref name="target"/> (the account named
    /// <paramref name="requested"/>, or null if none is): an enabled account that may see the item
    /// (<see cref="ReviewVisibility.UserMaySee"/>), and a supervisor or administrator if the item is escalated.
    /// Returns the account's stored name; <see cref="ReviewAccessException"/> otherwise.
    /// </summary>
    public static string EnsureMayReassign(ReviewTask task, UserAccount? target, string requested)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (target is null || target.Disabled)
        {
            throw new ReviewAccessException($"No enabled account is named {requested}.");
        }

        var name = target.Name;
        if (!IsSupervisor(target.Role))
        {
            if (task.Escalated)
            {
                throw new ReviewAccessException(
                    $"Item {task.Reference} is escalated: it can be given only to a supervisor or administrator, not to {name}.");
            }

            if (!ReviewVisibility.UserMaySee(target, task.Queue, task.Request.Service))
            {
                throw new ReviewAccessException(
                    $"{name} is granted neither the queue {task.Queue} nor the service {task.Request.Service ?? "(none)"} of item {task.Reference}.");
            }
        }

        return name;
    }

    /// <summary>The reason of a reassignment's item audit row (NeedsReview → NeedsReview, actor <see cref="Actors.Supervisor"/>).</summary>
    public static string ReassignedReason(string reviewer, DateTimeOffset claimExpiresAt, string? previousHolder) =>
        $"reassigned to {reviewer} (claimed until {claimExpiresAt:O}; held by {previousHolder ?? "no one"})";

    /// <summary>The security-audit row of a reassignment.</summary>
    public static SecurityEvent ReassignedEvent(string supervisor, string reference, string reviewer, string? previousHolder) =>
        new(supervisor, AuditActions.ReviewReassigned, reference, $"to {reviewer}; held by {previousHolder ?? "no one"}");

    /// <summary>The holder of the live claim a supervisor releases; <see cref="ReviewClaimException"/> when no one holds one.</summary>
    public static string RequireClaimHolder(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.ClaimedBy ?? throw new ReviewClaimException($"No one holds a claim on item {task.Reference}.");
    }

    /// <summary>The reason of a released claim's item audit row (NeedsReview → NeedsReview, actor <see cref="Actors.Supervisor"/>).</summary>
    public static string ClaimReleasedReason(string holder) => $"claim of {holder} released";

    /// <summary>The security-audit row of a released claim.</summary>
    public static SecurityEvent ClaimReleasedEvent(string supervisor, string reference, string holder) =>
        new(supervisor, AuditActions.ClaimReleased, reference, "claim of " + holder);

    /// <summary>
    /// The reason of the item audit row when the SLA sweep escalates a task (NeedsReview → NeedsReview, actor
    /// <see cref="Actors.System"/>): the due date and the lead time that caught it.
    /// </summary>
    public static string SlaEscalatedReason(DateTimeOffset dueAt, TimeSpan leadTime) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"escalated: due {dueAt:u}, within the SLA lead time of {leadTime}");
}
