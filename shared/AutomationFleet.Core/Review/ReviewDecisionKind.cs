namespace AutomationFleet.Core.Review;

/// <summary>What a reviewer can do with an item.</summary>
public enum ReviewDecisionKind
{
    /// <summary>The proposal is right: deliver it.</summary>
    Approve,

    /// <summary>The proposal is wrong: deliver the corrected outcome and keep it as a labelled example.</summary>
    Correct,

    /// <summary>Nothing should be done: the item ends as a business exception.</summary>
    Reject,

    /// <summary>Hand to a supervisor: the item stays in review, marked escalated, claim released.</summary>
    Escalate,
}
