namespace AutomationFleet.Core.PublicStatus;

/// <summary>What <see cref="IPublicStatusStore.BeginStatusCheckAsync"/> decided about one look-up.</summary>
/// <param name="Id">The attempt's row, to complete with <see cref="IPublicStatusStore.CompleteStatusCheckAsync"/>; 0 when limited.</param>
/// <param name="Limited">Too many checks failed for the reference or the client address in the window: do not compare.</param>
public sealed record StatusCheckAttempt(long Id, bool Limited);
