namespace AutomationFleet.Core.PublicStatus;

/// <summary>Status-page look-ups that found an item (the dashboard's proxy for repeat contact).</summary>
/// <param name="LookUps">Successful look-ups in all.</param>
/// <param name="ItemsLookedUp">Distinct items looked up at least once.</param>
/// <param name="Items">Items in the store (the denominator of look-ups per item).</param>
public sealed record StatusLookupCounts(long LookUps, long ItemsLookedUp, long Items)
{
    /// <summary>Look-ups per item in the store; 0 when there are none.</summary>
    public double PerItem => Items == 0 ? 0 : (double)LookUps / Items;
}
