namespace AutomationFleet.Core.Users;

/// <summary>What a person may do in the review portal.</summary>
public enum UserRole
{
    /// <summary>Works the review queue of the queues granted to them, and only those.</summary>
    Reviewer = 0,

    /// <summary>Works every queue; reassigns and handles escalations.</summary>
    Supervisor = 1,

    /// <summary>Works every queue and runs the fleet (admin pages).</summary>
    Administrator = 2,
}
