using System.Globalization;
using System.Text.Json;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using MimeKit;

namespace AutomationFleet.Bots.IncidentReports.Delivery;

/// <summary>
/// E-mails the allocated team (the person allocated is named in it) that an incident is theirs, with
/// its reference, kind, place, severity, deadline and the rule that chose them; for a report linked to an open incident,
/// tells the team a further report came in. No case-record details travel: the team opens the incident by reference.
/// Without mail set up (<c>Mail:Smtp:Enabled</c> false, as in the embedded default) the step records that it sent
/// nothing, and the team sees the incident in <c>fleet incidents list</c>.
/// </summary>
/// <remarks>Not idempotent, as every mail step: a worker cut off mid-send sends the item to a person, not a second mail.</remarks>
public sealed class NotifyTeamStep(IncidentReferenceData data, SmtpMailSender? sender) : IDeliveryStep
{
    public const string StepName = "notify-team";

    public string Name => StepName;

    public bool IsIdempotent => false;

    public string Pipeline => FleetPipelines.Mail;

    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = IncidentReportBot.OutcomeOf(context.Outcome.OutcomeJson);
        if (sender is not { Enabled: true })
        {
            return JsonSerializer.Serialize(new { skipped = "mail is not set up (Mail:Smtp:Enabled is false)" });
        }

        var team = data.Allocation.FindTeam(outcome.Team)
            ?? throw new PermanentDeliveryException($"Team '{outcome.Team}' is not in the allocation config any more; choose a team again.");
        var message = new MimeMessage { Subject = SubjectFor(outcome) };
        message.To.Add(new MailboxAddress(team.Name, team.Email));
        message.Body = new TextPart("plain") { Text = BodyFor(outcome, context.Item.Reference, data.Allocation.OutOfHours.Describe(outcome.Deadline)) };
        var sent = await sender.SendAsync(message, context.IdempotencyKey, cancellationToken);
        return JsonSerializer.Serialize(new { messageId = sent.MessageId, team = outcome.Team });
    }

    public static string SubjectFor(IncidentOutcome outcome) => outcome.Action == IncidentActionsDecided.Link
        ? $"Further report of incident {outcome.IncidentReference}"
        : $"{(outcome.OutOfHours ? "Out of hours: " : "")}New {outcome.Severity} incident {outcome.IncidentReference} allocated to you";

    private static string BodyFor(IncidentOutcome outcome, string reportReference, string deadline) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        Incident: {outcome.IncidentReference}
        Report: {reportReference}
        What: {outcome.Summary}
        Severity: {outcome.Severity}
        Deadline: {deadline}
        Allocated to: {outcome.Assignee ?? "the team's queue"}
        Why: {(outcome.Action == IncidentActionsDecided.Link ? "a further report of an incident you hold" : $"allocation rule '{outcome.Rule}'")}

        Open it with: fleet incidents list --team {outcome.Team}
        """);
}
