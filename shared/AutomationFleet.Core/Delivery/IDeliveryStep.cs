namespace AutomationFleet.Core.Delivery;

/// <summary>One side effect that carries out an outcome: a hand-off to another queue, a mail, a case note.</summary>
public interface IDeliveryStep
{
    /// <summary>Step name, unique within a bot; part of the idempotency key.</summary>
    string Name { get; }

    /// <summary>
    /// Whether repeating the step is harmless. If a worker dies mid-step, an idempotent step is
    /// simply redone; a non-idempotent one sends the item to review instead of risking a repeat.
    /// </summary>
    bool IsIdempotent { get; }

    /// <summary>The named resilience pipeline to run it under (see <c>FleetPipelines</c>).</summary>
    string Pipeline { get; }

    /// <summary>
    /// Whether the step has anything to do for <paramref name="outcome"/>; one that has not is neither run nor recorded in
    /// the ledger (three store round trips saved). Must depend on the outcome only, which is recorded before any step
    /// runs, so a redo skips the same steps. True unless a step says otherwise.
    /// </summary>
    bool AppliesTo(WorkItems.ItemOutcome outcome) => true;

    /// <summary>Performs the side effect; returns a small JSON result to record (or null).</summary>
    Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken);
}
