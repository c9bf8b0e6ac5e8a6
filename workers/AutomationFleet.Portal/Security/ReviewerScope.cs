using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;

namespace AutomationFleet.Portal.Security;

/// <summary>Who is asking and what they may see: granted queues and services (reviewers) or everything.</summary>
/// <param name="Name">Account name.</param>
/// <param name="Role">Role, read from the store on this request.</param>
/// <param name="Queues">Granted queues; null (with <paramref name="Services"/> null) means everything.</param>
/// <param name="Services">Granted services; an item is visible if its queue OR its service is granted.</param>
public sealed record ReviewerScope(
    string Name, UserRole Role, IReadOnlyCollection<string>? Queues, IReadOnlyCollection<string>? Services = null)
{
    /// <summary>Supervisors and administrators: every item, escalations, reassignment, no claim on opening.</summary>
    public bool IsSupervisor => ReviewRules.IsSupervisor(Role);

    /// <summary>Whether the caller may see an item of <paramref name="queue"/> for <paramref name="service"/>.</summary>
    public bool CanOpen(string queue, string? service) => ReviewVisibility.MaySee(Queues, Services, queue, service);

    /// <summary>Whether the caller may take and decide the task: they may see it, and it is not escalated unless they supervise.</summary>
    public bool CanDecide(ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return CanOpen(task.Queue, task.Request.Service) && (!task.Escalated || IsSupervisor);
    }

    /// <summary>
    /// The store filter for what the caller may see: their grants, and for reviewers only items not escalated
    /// (they can neither take nor decide those). <paramref name="escalatedOnly"/> is the supervisors' escalated view.
    /// </summary>
    public ReviewFilter Filter(string? bot = null, string? category = null, string? service = null, bool escalatedOnly = false, int limit = 100) =>
        new(bot, category, Queues, limit)
        {
            Services = Services,
            Service = service,
            Escalated = !IsSupervisor ? false : escalatedOnly ? true : null,
        };
}
