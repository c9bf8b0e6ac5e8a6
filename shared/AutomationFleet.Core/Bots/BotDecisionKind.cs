namespace AutomationFleet.Core.Bots;

/// <summary>What kind of answer a bot gave.</summary>
public enum BotDecisionKind
{
    /// <summary>A proposed outcome with a confidence; the runner's policy decides if it is automatic.</summary>
    Proposal,

    /// <summary>A business rule says no: the item ends as a BusinessException.</summary>
    RuleSaysNo,

    /// <summary>The bot cannot propose (unreadable input, quarantined file): a person must look.</summary>
    NeedsPerson,
}
