namespace AutomationFleet.Core.SideEffects;

/// <summary>Whether a side effect is under way or known to have happened.</summary>
public enum SideEffectStatus
{
    /// <summary>Begun; if it is still Started when the item is redone, the worker that began it stopped mid-step.</summary>
    Started,

    /// <summary>Known to have happened.</summary>
    Completed,
}
