using AutomationFleet.Core.Users;

namespace AutomationFleet.Portal.Security;

/// <summary>The role names carried in the sign-in cookie (<see cref="System.Security.Claims.ClaimTypes.Role"/>).</summary>
public static class PortalRoles
{
    public const string Reviewer = "reviewer";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";

    public static string NameOf(UserRole role) => role switch
    {
        UserRole.Reviewer => Reviewer,
        UserRole.Supervisor => Supervisor,
        UserRole.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? name, out UserRole role)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Reviewer:
                role = UserRole.Reviewer;
                return true;
            case Supervisor:
                role = UserRole.Supervisor;
                return true;
            case Administrator:
                role = UserRole.Administrator;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
