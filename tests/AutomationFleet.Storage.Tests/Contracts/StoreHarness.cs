using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Privacy;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.Users;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Core.Workers;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Storage.Tests.Contracts;

/// <summary>
/// One store under a contract test, whichever database it is on: its contracts, its fake clock (both stores take every
/// time from the injected <see cref="TimeProvider"/>), and raw SQL for what the contracts do not expose.
/// </summary>
public abstract class StoreHarness : IAsyncDisposable
{
    /// <summary>Where every harness's fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public abstract IWorkQueue Queue { get; }

    public abstract ISideEffectLedger Ledger { get; }

    public abstract IWorkerRegistry Workers { get; }

    public abstract IThresholdOverrideStore Thresholds { get; }

    public abstract IBotPauseStore Pauses { get; }

    /// <summary>The store as <see cref="IUpdateStore"/>.</summary>
    public abstract IUpdateStore Updates { get; }

    public abstract IUserStore Users { get; }

    public abstract IReviewQueue Reviews { get; }

    public abstract IFleetMetrics Metrics { get; }

    public abstract IIncidentStore Incidents { get; }

    public abstract IReviewSlaStore ReviewSla { get; }

    public abstract IRetentionStore Retention { get; }

    public abstract ISubjectAccessStore SubjectAccess { get; }

    public abstract IPublicStatusStore PublicStatus { get; }

    public async Task<WorkItem> EnqueueAsync(string reference, string queue = "q", int priority = 0, DateTimeOffset? due = null)
    {
        var result = await Queue.EnqueueAsync(new NewWorkItem(queue, reference, "{\"n\":1}", Priority: priority, DueAt: due), "test", CancellationToken.None);
        return result.Item;
    }

    /// <summary>Runs a query returning one integer on a separate connection.</summary>
    public abstract long Scalar(string sql);

    /// <summary>Runs a statement on a separate connection; the database's error is a <see cref="System.Data.Common.DbException"/>.</summary>
    public abstract void Execute(string sql);

    public abstract ValueTask DisposeAsync();
}
