namespace AutomationFleet.Portal.Security;

/// <summary>
/// Authorization policy names. Every page needs a signed-in account (the fallback policy); folders add a role:
/// <c>/Admin</c> needs <see cref="Administrator"/>. Queue grants are checked per item by <see cref="QueueAccess"/>.
/// </summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in account: reviewer, supervisor or administrator.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Supervisor or administrator.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Administrator only.</summary>
    public const string Administrator = "administrator";
}
