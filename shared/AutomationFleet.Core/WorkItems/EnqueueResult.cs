namespace AutomationFleet.Core.WorkItems;

/// <summary>The item under the reference, and whether this call created it.</summary>
/// <param name="Item">The stored item (new, or the existing one for a repeated reference).</param>
/// <param name="Created">False when the reference already existed and nothing was written.</param>
public sealed record EnqueueResult(WorkItem Item, bool Created);
