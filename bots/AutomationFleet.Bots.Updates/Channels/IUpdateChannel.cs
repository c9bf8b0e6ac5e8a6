namespace AutomationFleet.Bots.Updates.Channels;

/// <summary>How updates leave the fleet: e-mail (<see cref="EmailUpdateChannel"/>) or GOV.UK Notify (<see cref="NotifyUpdateChannel"/>).</summary>
public interface IUpdateChannel
{
    /// <summary>Sends one update; returns a small JSON result for the ledger (the Message-ID or Notify's notification id).</summary>
    Task<string> SendAsync(UpdateMessage message, CancellationToken cancellationToken);
}
