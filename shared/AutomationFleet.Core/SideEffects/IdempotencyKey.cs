namespace AutomationFleet.Core.SideEffects;

/// <summary>Builds the idempotency key a side effect carries: the item's reference and the step.</summary>
public static class IdempotencyKey
{
    /// <summary><c>REFERENCE#STEP</c>.</summary>
    public static string For(string reference, string step) => $"{reference}#{step}";
}
