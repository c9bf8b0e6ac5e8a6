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

namespace AutomationFleet.Storage;

/// <summary>
/// Every contract a fleet store keeps, in one type: what SQLite and PostgreSQL both implement, so code that needs the
/// whole store (a test host, a tool) takes either without naming the database. Services still depend on the one
/// contract they use.
/// </summary>
public interface IFleetStore :
    IWorkQueue, IReviewQueue, ISideEffectLedger, IWorkerRegistry, IFleetMetrics, IUserStore, IThresholdOverrideStore,
    IBotPauseStore, IIncidentStore, IReviewSlaStore, IRetentionStore, ISubjectAccessStore, IPublicStatusStore, IFleetStoreSchema,
    IUpdateStore, IAsyncDisposable;
