using System.Text.Json;
using AutomationFleet.Bots.IncidentReports.Delivery;
using AutomationFleet.Bots.IncidentReports.Reports;
using AutomationFleet.Bots.IncidentReports.Triage;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.Incidents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.IncidentReports;

/// <summary>
/// Consumes <c>incident-reports</c>, 24/7: reads the report (web form, folder file, e-mail or a letter from inbound
/// post), finds its kind, place and person, links a repeat to the open incident, and allocates a new one by the rules,
/// the out-of-hours rota and the team's capacity, with a deadline on the right calendar. The delivery steps record the
/// incident in the store and e-mail the team. A possible safeguarding concern, serious harm, a report no rule
/// allocates, an unknown place or an unsure person goes to a person; a report that is not one is kept, the field named.
/// </summary>
public sealed class IncidentReportBot : IBot
{
    /// <summary>The bot's name in configuration, thresholds and audit entries.</summary>
    public const string BotName = "incident-reports";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IncidentTriage _triage;
    private readonly IncidentReportsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IncidentReportBot> _logger;

    public IncidentReportBot(
        IncidentTriage triage,
        IncidentReferenceData data,
        IIncidentStore store,
        IOptions<IncidentReportsOptions> options,
        TimeProvider timeProvider,
        ILogger<IncidentReportBot> logger,
        SmtpMailSender? mail = null)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(options);
        _triage = triage;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        DeliverySteps = [new RecordIncidentStep(store, BotName, timeProvider, triage.Duplicates), new NotifyTeamStep(data, mail)];
    }

    public string Name => BotName;

    public string Queue => _options.Queue;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public async Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Item;
        IncidentReport report;
        try
        {
            report = IncidentReportReader.Read(item, input.Blobs);
        }
        catch (Exception exception) when (exception is IncidentReportFormatException or HandoffFormatException)
        {
            // The reason (which may quote the report) is kept with the item; the log has the reference and the kind of fault.
            _logger.LogWarning("Item {Reference} is not an incident report ({ErrorType})", item.Reference, exception.GetType().Name);
            return BotDecision.RuleSaysNo($"Not an incident report: {exception.Message}");
        }

        var result = await _triage.TriageAsync(report, item.Reference, item.CreatedAt, _timeProvider.GetUtcNow(), cancellationToken);
        var evidence = JsonSerializer.Serialize(new IncidentEvidence(report.Channel, report.ReadByOcr, report.SourceReference, result.Evidence, report.Description), JsonOptions);
        var outcomeJson = result.Outcome is null ? null : JsonSerializer.Serialize(result.Outcome, JsonOptions);
        var decision = result.Verdict switch
        {
            TriageVerdict.Refused => BotDecision.RuleSaysNo($"Not an incident report the bot can take: {result.Reasons[0]}"),
            // Rules decide, not a model: a report every check passed is certain, and the policy lets it through.
            TriageVerdict.Allocated or TriageVerdict.Linked => BotDecision.Propose(result.Outcome!.Kind, outcomeJson!, 1.0, evidence) with { Reasons = result.Reasons },
            _ => new BotDecision(BotDecisionKind.NeedsPerson, result.Outcome?.Kind, outcomeJson, 0, evidence, result.Reasons, result.Urgent),
        };
        _logger.LogInformation(
            "Item {Reference} ({Channel}): {Verdict} {Incident} to {Team}, {Reasons} reason(s)",
            item.Reference, report.Channel, result.Verdict, result.Outcome?.IncidentReference, result.Outcome?.Team, result.Reasons.Count);
        return decision with { Service = result.Outcome?.Team };
    }

    public string? ServiceOf(string outcomeJson)
    {
        try
        {
            return JsonSerializer.Deserialize<IncidentOutcome>(outcomeJson, JsonOptions)?.Team;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A decided outcome, or a <see cref="PermanentDeliveryException"/> when it is not one.</summary>
    internal static IncidentOutcome OutcomeOf(string outcomeJson)
    {
        try
        {
            return JsonSerializer.Deserialize<IncidentOutcome>(outcomeJson, JsonOptions)
                ?? throw new PermanentDeliveryException("The decided outcome is empty.");
        }
        catch (JsonException exception)
        {
            throw new PermanentDeliveryException($"The decided outcome is not an incident outcome: {exception.Message}");
        }
    }
}

/// <summary>
/// What a reviewer sees beside the proposal: how the report came, what the bot found, and the report's words (personal
/// data: never log them), which the incident keeps when a reviewer builds its outcome.
/// </summary>
public sealed record IncidentEvidence(string Channel, bool ReadByOcr, string? SourceReference, TriageEvidence Found, string? Description = null);
