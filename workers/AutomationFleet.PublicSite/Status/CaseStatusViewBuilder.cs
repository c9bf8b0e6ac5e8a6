using AutomationFleet.Core.Calendar;
using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.PublicSite.Status;

/// <summary>
/// Builds the <see cref="CaseStatusView"/> of one item: the stage from its state and its completed delivery steps
/// (a hand-off to another queue is "passed to" that queue's service; a bot's answer step is "letter sent"), the
/// timescale from its due date or the service's working days (<see cref="CaseTimescales"/>, on the fleet's one calendar,
/// extra bank holidays included: the updates' timescale sweep counts the same way), or the later date the citizen was
/// sent with an apology when the item ran late (the sweep's revision). It reads only the state, the times, the queue, the
/// ledger's step names and the bot's <see cref="PublicItemFacts"/>: never the payload's people, reviewers, reasons or errors.
/// </summary>
public sealed class CaseStatusViewBuilder(PublicSiteOptions options, WorkingDayCalendar calendar)
{
    private const string HandoffPrefix = "handoff:";
    private readonly CaseTimescales _timescales = new(
        calendar,
        options.DefaultWorkingDays,
        options.Services.Where(s => s.Value.WorkingDays is not null).ToDictionary(s => s.Key, s => s.Value.WorkingDays!.Value, StringComparer.Ordinal));

    public CaseStatusView Build(
        WorkItem item,
        PublicItemFacts facts,
        IPublicStatusReader? reader,
        IReadOnlyList<SideEffectRecord> ledger,
        DateTimeOffset now,
        DateOnly? revisedExpectedBy = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(ledger);
        var service = options.Services.GetValueOrDefault(item.Queue);
        var serviceName = facts.Service ?? NonEmpty(service?.Name) ?? "the council";
        var received = NonEmpty(service?.Received) ?? "your message";
        var done = ledger.Where(s => s.Status == SideEffectStatus.Completed).ToList();
        var answer = reader is null ? null : done.LastOrDefault(s => reader.IsAnswerStep(s.Step));
        var handoff = done.LastOrDefault(s => s.Step.StartsWith(HandoffPrefix, StringComparison.Ordinal));
        var finishedOn = calendar.LocalDay(item.UpdatedAt);

        var (stage, text, stageOn, next) = item.State switch
        {
            WorkItemState.Cancelled => (CaseStage.Closed, "Closed", finishedOn,
                "We have closed this case. If you still need help, contact us and quote your reference."),
            WorkItemState.BusinessException => (CaseStage.Closed, "Closed: we could not deal with it as it was sent", finishedOn,
                "Please contact us and quote your reference, and we will tell you what we need."),
            WorkItemState.NeedsReview => (CaseStage.WithPerson, "With a person for checking", (DateOnly?)null,
                $"A member of staff is checking it. When they have, it goes to {serviceName}."),
            WorkItemState.Completed when facts.WhereToGo is not null => (CaseStage.NotOurs, "Not something we deal with: we have told you where to go instead",
                answer is null ? finishedOn : calendar.LocalDay(answer.CompletedAt ?? item.UpdatedAt),
                "We have not passed it on. Please contact them directly, as below."),
            WorkItemState.Completed when answer is not null => (CaseStage.AnswerSent, "Letter sent", calendar.LocalDay(answer.CompletedAt ?? item.UpdatedAt),
                "We have sent you our answer. Contact us quoting your reference if you have not received it within 5 working days."),
            WorkItemState.Completed when handoff is not null => PassedOn(ServiceOf(handoff.Step) ?? serviceName, calendar.LocalDay(handoff.CompletedAt ?? item.UpdatedAt)),
            WorkItemState.Completed when facts.Service is not null => PassedOn(facts.Service, finishedOn),
            WorkItemState.Completed => (CaseStage.Done, "Dealt with", finishedOn, "There is nothing more you need to do."),
            _ when item.OutcomeJson is not null => (CaseStage.Decided, "Decided, and being completed", (DateOnly?)null,
                $"We are finishing the last steps; {serviceName} will be in touch if anything more is needed."),
            _ => (CaseStage.Received, "Received, waiting to be dealt with", (DateOnly?)null,
                $"It will be looked at by {serviceName}. You do not need to contact us again."),
        };

        var receivedOn = calendar.LocalDay(item.CreatedAt);
        var open = stage is CaseStage.Received or CaseStage.WithPerson or CaseStage.Decided;
        DateOnly? expected = open ? _timescales.ExpectedBy(item) : null;

        // The sweep's revision counts while it is later than the item's own date (as the sweep counts it).
        var revised = open && revisedExpectedBy is { } promised && promised > expected;
        if (revised)
        {
            expected = revisedExpectedBy;
        }

        var late = expected is { } by && calendar.LocalDay(now) > by;
        return new CaseStatusView(
            ShortReference.For(item), received, receivedOn, serviceName, stage, text, stageOn, expected, late, next, facts.WhereToGo, revised);
    }

    private static (CaseStage, string, DateOnly?, string) PassedOn(string service, DateOnly on) =>
        (CaseStage.PassedOn, $"Passed to {service}", on, $"{service} will deal with it and contact you if they need anything.");

    private string? ServiceOf(string handoffStep) =>
        NonEmpty(options.Services.GetValueOrDefault(handoffStep[HandoffPrefix.Length..])?.Name);

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
