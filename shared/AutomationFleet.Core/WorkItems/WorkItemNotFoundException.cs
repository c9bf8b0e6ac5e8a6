namespace AutomationFleet.Core.WorkItems;

/// <summary>No item has the given reference or id.</summary>
public sealed class WorkItemNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception for a missing reference or id.</summary>
    public WorkItemNotFoundException(string referenceOrId)
        : base($"No work item {referenceOrId}.") => ReferenceOrId = referenceOrId;

    /// <summary>What was looked for.</summary>
    public string ReferenceOrId { get; }
}
