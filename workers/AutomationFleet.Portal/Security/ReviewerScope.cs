using AutomationFleet.Core.Users;

namespace AutomationFleet.Portal.Security;

/// <summary>Who is asking and which queues they may see.</summary>
/// <param name="Name">Account name.</param>
/// <param name="Role">Role, read from the store on this request.</param>
/// <param name="Queues">Granted queues; null means every queue (supervisors and administrators).</param>
public sealed record ReviewerScope(string Name, UserRole Role, IReadOnlyCollection<string>? Queues)
{
    public bool CanOpen(string queue) => Queues is null || Queues.Contains(queue, StringComparer.Ordinal);
}
