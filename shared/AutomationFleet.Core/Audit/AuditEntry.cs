using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Audit;

/// <summary>One line of the append-only audit trail. The application never updates or deletes one.</summary>
/// <param name="Id">Store-assigned, increasing.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Reference">The item's reference.</param>
/// <param name="At">When, by the store's clock.</param>
/// <param name="Actor">Who or what: <c>worker:ID</c>, <c>reviewer:NAME</c>, <c>cli:USER</c>, <c>scheduler:NAME</c>, <c>inbox</c>.</param>
/// <param name="From">State before; null when the item was created.</param>
/// <param name="To">State after.</param>
/// <param name="Reason">Why, in words a person can read (no personal data).</param>
public sealed record AuditEntry(
    long Id, long ItemId, string Reference, DateTimeOffset At, string Actor, WorkItemState? From, WorkItemState To, string Reason);
