using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Delivery;

/// <summary>What a delivery step gets: the item, its decided outcome and the key its side effect must carry.</summary>
/// <param name="Item">The work item.</param>
/// <param name="Outcome">The decided outcome.</param>
/// <param name="IdempotencyKey">Carry this to the receiving system (mail header, case-note reference) so a redo can be recognised.</param>
public sealed record DeliveryContext(WorkItem Item, ItemOutcome Outcome, string IdempotencyKey);
