using System.Globalization;
using System.Text.Json;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Incidents;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.IncidentReports.Escalation;

/// <summary>
/// Tells a team's supervisor before an incident's deadline is breached. The <c>incident-escalation-sweep</c> schedule
/// (Quartz, around the clock) puts a sweep item on <see cref="IncidentReportsOptions.EscalationQueue"/>; the sweep lists
/// the active incidents inside their severity's <c>escalateBefore</c> and not yet escalated, and enqueues one item per
/// incident under the reference <c>escalate:{incident}</c>. That reference is unique, so however many sweeps see an
/// incident it is escalated once: its item e-mails the supervisor and marks the incident escalated, audited.
/// </summary>
public sealed class IncidentEscalationBot : IBot
{
    /// <summary>The bot's name in configuration and audit entries.</summary>
    public const string BotName = "incident-escalations";

    /// <summary>The <c>task</c> of a sweep item's payload.</summary>
    public const string SweepTask = "incident-escalation-sweep";

    private const int MaxPerSweep = 1000;

    private readonly IncidentReferenceData _data;
    private readonly IIncidentStore _store;
    private readonly IncidentReportsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IncidentEscalationBot> _logger;

    public IncidentEscalationBot(
        IncidentReferenceData data,
        IIncidentStore store,
        IWorkQueue queue,
        IOptions<IncidentReportsOptions> options,
        TimeProvider timeProvider,
        ILogger<IncidentEscalationBot> logger,
        SmtpMailSender? mail = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _data = data;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        DeliverySteps = [new EnqueueEscalationsStep(queue, _options.EscalationQueue), new EscalationMailStep(data, mail), new MarkEscalatedStep(store, timeProvider)];
    }

    public string Name => BotName;

    public string Queue => _options.EscalationQueue;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    /// <summary>The reference of the item that escalates <paramref name="incident"/>: one per incident, ever.</summary>
    public static string ReferenceFor(string incident) => $"escalate:{incident}";

    public async Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = Read(input.Item.PayloadJson);
        var now = _timeProvider.GetUtcNow();
        if (request?.Escalate is { } reference)
        {
            var incident = await _store.GetAsync(reference, cancellationToken);
            if (incident is null || !IncidentTransitions.IsActive(incident.State) || incident.EscalatedAt is not null)
            {
                // Dealt with (or escalated) between the sweep and now: nothing to tell anyone.
                return BotDecision.Propose("nothing-to-escalate", Json(new EscalationOutcome()), 1.0);
            }

            var outcome = new EscalationOutcome(null, incident.Reference, incident.Team, incident.Deadline, incident.Summary);
            return BotDecision.Propose("escalation", Json(outcome), 1.0);
        }

        if (request?.Task != SweepTask)
        {
            return BotDecision.RuleSaysNo($"Not an escalation item: the payload has neither \"task\": \"{SweepTask}\" nor \"escalate\".");
        }

        var longest = _data.Allocation.Severities.Max(s => s.EscalateBefore);
        var candidates = await _store.DueForEscalationAsync(now + longest, MaxPerSweep, cancellationToken);
        var due = candidates
            .Where(i => i.Deadline - (_data.Allocation.FindSeverity(i.Severity)?.EscalateBefore ?? longest) <= now)
            .Select(i => i.Reference)
            .ToList();
        _logger.LogInformation("Escalation sweep {Reference}: {Due} incident(s) near their deadline", input.Item.Reference, due.Count);
        return BotDecision.Propose("sweep", Json(new EscalationOutcome(due)), 1.0);
    }

    internal static EscalationOutcome OutcomeOf(string json) =>
        JsonSerializer.Deserialize<EscalationOutcome>(json, IncidentReportBot.JsonOptions) ?? new EscalationOutcome();

    private static string Json(EscalationOutcome outcome) => JsonSerializer.Serialize(outcome, IncidentReportBot.JsonOptions);

    private static EscalationRequest? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<EscalationRequest>(string.IsNullOrWhiteSpace(payload) ? "{}" : payload, IncidentReportBot.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record EscalationRequest(string? Task, string? Escalate);

    /// <summary>Enqueues one escalation item per incident a sweep found; idempotent by the items' references.</summary>
    private sealed class EnqueueEscalationsStep(IWorkQueue queue, string escalationQueue) : IDeliveryStep
    {
        public string Name => "enqueue-escalations";

        public bool IsIdempotent => true;

        public string Pipeline => Core.Resilience.FleetPipelines.QueueHandoff;

        public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
        {
            var created = 0;
            foreach (var incident in OutcomeOf(context.Outcome.OutcomeJson).Due ?? [])
            {
                var payload = JsonSerializer.Serialize(new { escalate = incident }, IncidentReportBot.JsonOptions);
                var result = await queue.EnqueueAsync(new NewWorkItem(escalationQueue, ReferenceFor(incident), payload, Priority: 10), BotName, cancellationToken);
                created += result.Created ? 1 : 0;
            }

            return JsonSerializer.Serialize(new { created });
        }
    }

    /// <summary>E-mails the team's supervisor; not idempotent (a mail cannot be unsent).</summary>
    private sealed class EscalationMailStep(IncidentReferenceData data, SmtpMailSender? sender) : IDeliveryStep
    {
        public string Name => "escalation-mail";

        public bool IsIdempotent => false;

        public string Pipeline => Core.Resilience.FleetPipelines.Mail;

        public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
        {
            var outcome = OutcomeOf(context.Outcome.OutcomeJson);
            if (outcome.Incident is null)
            {
                return null;
            }

            if (sender is not { Enabled: true })
            {
                return JsonSerializer.Serialize(new { skipped = "mail is not set up (Mail:Smtp:Enabled is false)" });
            }

            var team = data.Allocation.FindTeam(outcome.Team ?? "")
                ?? throw new PermanentDeliveryException($"Team '{outcome.Team}' is not in the allocation config any more.");
            var message = new MimeKit.MimeMessage { Subject = $"Deadline near: incident {outcome.Incident} ({team.Name})" };
            message.To.Add(new MimeKit.MailboxAddress($"{team.Name} supervisor", team.SupervisorEmail));
            message.Body = new MimeKit.TextPart("plain")
            {
                Text = string.Create(
                    CultureInfo.InvariantCulture,
                    $"""
                    Incident {outcome.Incident} ({outcome.Summary}) is due by {data.Allocation.OutOfHours.Describe(outcome.Deadline ?? default)} and is still open in {team.Name}.

                    See it with: fleet incidents list --team {team.Id} --breaching
                    """),
            };
            var sent = await sender.SendAsync(message, context.IdempotencyKey, cancellationToken);
            return JsonSerializer.Serialize(new { messageId = sent.MessageId });
        }
    }

    /// <summary>Marks the incident escalated, audited; the store refuses a second mark, so a redo is harmless.</summary>
    private sealed class MarkEscalatedStep(IIncidentStore store, TimeProvider timeProvider) : IDeliveryStep
    {
        public string Name => "mark-escalated";

        public bool IsIdempotent => true;

        public string Pipeline => Core.Resilience.FleetPipelines.Delivery;

        public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
        {
            var outcome = OutcomeOf(context.Outcome.OutcomeJson);
            if (outcome.Incident is null)
            {
                return null;
            }

            var marked = await store.MarkEscalatedAsync(
                outcome.Incident, BotName, $"supervisor told: deadline {outcome.Deadline:u}", timeProvider.GetUtcNow(), cancellationToken);
            return JsonSerializer.Serialize(new { marked });
        }
    }
}
