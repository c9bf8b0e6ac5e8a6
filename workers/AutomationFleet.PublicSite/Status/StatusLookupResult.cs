namespace AutomationFleet.PublicSite.Status;

/// <summary>What a look-up came to: the item found (by id), not found (wrong reference or check: one answer), or refused.</summary>
public sealed record StatusLookupResult(StatusLookupOutcome Outcome, long ItemId = 0);

public enum StatusLookupOutcome
{
    Found,
    NotFound,
    Limited,
}
