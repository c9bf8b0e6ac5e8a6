namespace AutomationFleet.Core.Running;

/// <summary>How <see cref="BotRunner"/> left one item.</summary>
public enum RunResult
{
    /// <summary>Decided and every delivery step done: the item is Completed.</summary>
    Completed,

    /// <summary>The item went to the review queue.</summary>
    SentToReview,

    /// <summary>A business rule said no: the item is a BusinessException.</summary>
    BusinessException,

    /// <summary>A system fault: the item is Retrying after a back-off.</summary>
    Retrying,

    /// <summary>A system fault with attempts exhausted: the item is DeadLettered.</summary>
    DeadLettered,

    /// <summary>The worker no longer held the item; it stopped without further side effects.</summary>
    LeaseLost,
}
