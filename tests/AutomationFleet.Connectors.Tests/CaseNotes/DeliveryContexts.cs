using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Connectors.Tests.CaseNotes;

/// <summary>A delivery context for an item with a unique reference, as the runner builds it for a case-note step.</summary>
public static class DeliveryContexts
{
    public static DeliveryContext For(string itemReference, string stepName = "case-note") =>
        new(Item(itemReference), new ItemOutcome("{}", 1, "test"), IdempotencyKey.For(itemReference, stepName));

    /// <summary>A contact-forms item in progress carrying <paramref name="payload"/>.</summary>
    public static WorkItem Item(string itemReference, string payload = "{}")
    {
        var now = DateTimeOffset.UtcNow;
        return new WorkItem(
            1, "contact-forms", itemReference, payload, [], 0, null, WorkItemState.InProgress, 1, "test", now.AddMinutes(1), null,
            "{}", 1, "test", null, now, now);
    }

    public static string NewReference() => $"contact-form:{Guid.NewGuid():N}";

    /// <summary>Counts the attempts the pipeline makes.</summary>
    public sealed class CountingWriter(ICaseNoteWriter inner) : ICaseNoteWriter
    {
        public int Attempts { get; private set; }

        public Task<CaseNoteResult> WriteAsync(string caseRecordId, string reference, string text, CancellationToken cancellationToken)
        {
            Attempts++;
            return inner.WriteAsync(caseRecordId, reference, text, cancellationToken);
        }
    }
}
