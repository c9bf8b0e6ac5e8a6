namespace AutomationFleet.Core.Audit;

/// <summary>
/// Who or what acts on an item, as written in the audit trail and in <c>outcome_decided_by</c>: the one place the
/// actor kinds and their spelling live. <c>KIND:NAME</c> for people and processes, a bare word for the inbox.
/// </summary>
public static class Actors
{
    /// <summary>The prefix of a queue consumer: <c>worker:ID</c>.</summary>
    public const string WorkerPrefix = "worker:";

    /// <summary>The prefix of a person deciding a review task: <c>reviewer:NAME</c>.</summary>
    public const string ReviewerPrefix = "reviewer:";

    /// <summary>The prefix of a supervisor reassigning or releasing a claim: <c>supervisor:NAME</c>.</summary>
    public const string SupervisorPrefix = "supervisor:";

    /// <summary>The prefix of an administrator acting from the admin console (replay, cancel): <c>admin:NAME</c>.</summary>
    public const string AdministratorPrefix = "admin:";

    /// <summary>The prefix of the <c>fleet</c> command line: <c>cli:USER</c> (the operating-system user).</summary>
    public const string CliPrefix = "cli:";

    /// <summary>The prefix of a scheduled job: <c>scheduler:SCHEDULE</c>.</summary>
    public const string SchedulerPrefix = "scheduler:";

    /// <summary>The prefix of a bot handing work to another queue: <c>handoff:QUEUE</c> (the queue it came from).</summary>
    public const string HandoffPrefix = "handoff:";

    /// <summary>The prefix of the fleet acting on its own, for a fleet-level job: <c>system:JOB</c> (e.g. the review SLA sweep).</summary>
    public const string SystemPrefix = "system:";

    /// <summary>The watched inbox folder.</summary>
    public const string Inbox = "inbox";

    /// <summary><c>worker:ID</c>.</summary>
    public static string Worker(string workerId) => Make(WorkerPrefix, workerId);

    /// <summary><c>reviewer:NAME</c>: an outcome decided by this actor was decided by a person.</summary>
    public static string Reviewer(string name) => Make(ReviewerPrefix, name);

    /// <summary><c>supervisor:NAME</c>.</summary>
    public static string Supervisor(string name) => Make(SupervisorPrefix, name);

    /// <summary><c>admin:NAME</c>.</summary>
    public static string Administrator(string name) => Make(AdministratorPrefix, name);

    /// <summary><c>cli:USER</c>.</summary>
    public static string Cli(string user) => Make(CliPrefix, user);

    /// <summary><c>scheduler:SCHEDULE</c>.</summary>
    public static string Scheduler(string schedule) => Make(SchedulerPrefix, schedule);

    /// <summary><c>system:JOB</c>.</summary>
    public static string System(string job) => Make(SystemPrefix, job);

    /// <summary><c>handoff:QUEUE</c>.</summary>
    public static string Handoff(string queue) => Make(HandoffPrefix, queue);

    /// <summary>Whether the actor (or an outcome's <c>DecidedBy</c>) is a person who decided a review task.</summary>
    public static bool IsReviewer(string? actor) => actor is not null && actor.StartsWith(ReviewerPrefix, StringComparison.Ordinal);

    /// <summary>Whether the actor is a queue consumer.</summary>
    public static bool IsWorker(string? actor) => actor is not null && actor.StartsWith(WorkerPrefix, StringComparison.Ordinal);

    private static string Make(string prefix, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return prefix + name;
    }
}
