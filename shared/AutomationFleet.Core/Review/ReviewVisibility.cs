using AutomationFleet.Core.Users;

namespace AutomationFleet.Core.Review;

/// <summary>
/// Who may see a review task: the one rule the portal, the CLI and every store apply. A reviewer sees an item whose
/// queue OR service they are granted; supervisors and administrators see everything. Names compare ordinally.
/// </summary>
public static class ReviewVisibility
{
    /// <summary>
    /// Whether grants allow an item of <paramref name="queue"/> for <paramref name="service"/>. Both grant lists null
    /// means unscoped (everything); an item with no service is reachable by its queue only.
    /// </summary>
    public static bool MaySee(IReadOnlyCollection<string>? queues, IReadOnlyCollection<string>? services, string queue, string? service) =>
        (queues is null && services is null)
        || (queues?.Contains(queue, StringComparer.Ordinal) ?? false)
        || (service is not null && (services?.Contains(service, StringComparer.Ordinal) ?? false));

    /// <summary>Whether the account may see an item of <paramref name="queue"/> for <paramref name="service"/>, by its role and grants.</summary>
    public static bool UserMaySee(UserAccount account, string queue, string? service)
    {
        ArgumentNullException.ThrowIfNull(account);
        return ReviewRules.IsSupervisor(account.Role) || MaySee(account.Queues, account.Services, queue, service);
    }
}
