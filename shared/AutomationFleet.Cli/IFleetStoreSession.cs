namespace AutomationFleet.Cli;

/// <summary>
/// The fleet's store, opened for one command as <c>fleet run</c> would open it (its schema ensured), with the store's
/// contracts as services (<c>IWorkQueue</c>, <c>IIncidentStore</c>, …). Dispose it when the command is done.
/// </summary>
public interface IFleetStoreSession : IAsyncDisposable
{
    /// <summary>The store's contracts.</summary>
    IServiceProvider Services { get; }
}
