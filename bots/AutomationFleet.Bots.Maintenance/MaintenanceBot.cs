using System.Globalization;
using System.Text.Json;
using AutomationFleet.Bots.Maintenance.Digest;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Retention;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.Maintenance;

/// <summary>
/// The fleet's own jobs, fed by schedules on the <c>maintenance</c> queue and decided by the payload's <c>task</c>
/// (<see cref="MaintenanceTasks"/>): the daily digest (one item per supervisor, each mailed once), the review SLA sweep
/// (escalate tasks inside the lead time) and the retention purge. Deciding reads the store and writes nothing; the
/// delivery steps do the work, each only for its own task.
/// </summary>
public sealed class MaintenanceBot : IBot
{
    /// <summary>The bot's name in configuration and audit entries.</summary>
    public const string BotName = "maintenance";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IUserStore _users;
    private readonly IReviewSlaStore _sla;
    private readonly IRetentionStore _retention;
    private readonly DigestComposer _digests;
    private readonly MaintenanceOptions _options;
    private readonly RetentionOptions _retentionOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MaintenanceBot> _logger;

    public MaintenanceBot(
        IUserStore users,
        IReviewSlaStore sla,
        IRetentionStore retention,
        DigestComposer digests,
        IOptions<MaintenanceOptions> options,
        IOptions<RetentionOptions> retentionOptions,
        TimeProvider timeProvider,
        ILogger<MaintenanceBot> logger,
        IEnumerable<IDeliveryStep> steps)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retentionOptions);
        _users = users;
        _sla = sla;
        _retention = retention;
        _digests = digests;
        _options = options.Value;
        _retentionOptions = retentionOptions.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        DeliverySteps = [.. steps];
    }

    public string Name => BotName;

    public string Queue => _options.Queue;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public async Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = Read(input.Item.PayloadJson);
        var now = _timeProvider.GetUtcNow();
        MaintenanceOutcome? outcome = request?.Task switch
        {
            MaintenanceTasks.DailyDigest => await DailyDigestAsync(now, cancellationToken),
            MaintenanceTasks.SupervisorDigest => await SupervisorDigestAsync(request, cancellationToken),
            MaintenanceTasks.ReviewSlaSweep => new MaintenanceOutcome(
                MaintenanceTasks.ReviewSlaSweep,
                Escalate: await _sla.ListDueForEscalationAsync(now + _options.SlaLeadTime, _options.MaxPerSweep, cancellationToken),
                LeadTime: _options.SlaLeadTime),
            MaintenanceTasks.RetentionPurge => await PurgeAsync(now, cancellationToken),
            _ => null,
        };
        if (outcome is null)
        {
            return BotDecision.RuleSaysNo(
                $"Not a maintenance task: the payload's \"task\" must be one of {string.Join(", ", MaintenanceTasks.All)}.");
        }

        _logger.LogInformation(
            "Maintenance {Task} {Reference}: {Supervisors} digest(s) to enqueue, {Escalations} task(s) to escalate, {Expired} item(s) past retention",
            outcome.Task, input.Item.Reference, outcome.Supervisors?.Count ?? 0, outcome.Escalate?.Count ?? 0, outcome.Purge?.Sum(p => p.References.Count) ?? 0);
        return BotDecision.Propose(outcome.Task, JsonSerializer.Serialize(outcome, JsonOptions), 1.0);
    }

    internal static MaintenanceOutcome OutcomeOf(string json) =>
        JsonSerializer.Deserialize<MaintenanceOutcome>(json, JsonOptions) ?? throw new JsonException("The maintenance outcome is empty.");

    private async Task<MaintenanceOutcome> DailyDigestAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var supervisors = (await _users.ListUsersAsync(cancellationToken))
            .Where(u => u.Role == UserRole.Supervisor && !u.Disabled)
            .Select(u => u.Name)
            .Take(_options.MaxPerSweep)
            .ToList();
        return new MaintenanceOutcome(MaintenanceTasks.DailyDigest, DigestDate: now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Supervisors: supervisors);
    }

    private async Task<MaintenanceOutcome> SupervisorDigestAsync(MaintenanceRequest request, CancellationToken cancellationToken)
    {
        var account = request.Supervisor is { } name ? await _users.FindUserAsync(name, cancellationToken) : null;
        if (account is null || account.Disabled || account.Role != UserRole.Supervisor || request.Date is null)
        {
            // Disabled or no longer a supervisor since the daily item listed them: nothing to send.
            return new MaintenanceOutcome(MaintenanceTasks.SupervisorDigest, request.Date);
        }

        // The figures are as of the moment this item runs; its outcome is kept, so a redo mails the same numbers.
        var digest = await _digests.ComposeAsync(account, request.Date, _timeProvider.GetUtcNow(), cancellationToken);
        return new MaintenanceOutcome(MaintenanceTasks.SupervisorDigest, request.Date, Digest: digest);
    }

    private async Task<MaintenanceOutcome> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batches = new List<PurgeBatch>();
        foreach (var policy in _retentionOptions.Policies)
        {
            var references = new List<string>();
            foreach (var queue in policy.Queues)
            {
                var room = _retentionOptions.MaxItemsPerRun - references.Count;
                if (room <= 0)
                {
                    break;
                }

                var expired = await _retention.ListExpiredAsync(queue, now - policy.RedactAfter, room, cancellationToken);
                references.AddRange(expired.Select(i => i.Reference));
            }

            batches.Add(new PurgeBatch(policy.Name, policy.RedactAfter, references));
        }

        return new MaintenanceOutcome(MaintenanceTasks.RetentionPurge, Purge: batches, AuditTrailBefore: now - _retentionOptions.AuditTrailKeptFor);
    }

    private static MaintenanceRequest? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<MaintenanceRequest>(string.IsNullOrWhiteSpace(payload) ? "{}" : payload, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record MaintenanceRequest(string? Task, string? Supervisor, string? Date);
}
