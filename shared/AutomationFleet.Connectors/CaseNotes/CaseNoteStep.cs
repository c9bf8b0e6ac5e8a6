using System.Text.Json;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// The delivery step that writes a case note: the bot says on whose record and what (<see cref="CaseNoteRequest"/>,
/// from the item and its outcome); the note carries the step's idempotency key as its reference.
/// </summary>
public sealed class CaseNoteStep : IDeliveryStep
{
    private readonly ICaseNoteWriter _writer;
    private readonly Func<DeliveryContext, CaseNoteRequest?> _request;

    /// <summary>Creates the step.</summary>
    /// <param name="writer">The writer (registered by <c>AddCaseNotes</c>).</param>
    /// <param name="request">The case-record id and text for an item; null when the outcome needs no note (skipped).</param>
    /// <param name="name">Step name, unique within the bot; part of the idempotency key, so keep it stable.</param>
    public CaseNoteStep(ICaseNoteWriter writer, Func<DeliveryContext, CaseNoteRequest?> request, string name = "case-note")
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _writer = writer;
        _request = request;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// True: every attempt looks on the record for a note carrying the idempotency key before it writes, so a redo
    /// after a crash between writing and recording finds the first note and writes nothing.
    /// </summary>
    public bool IsIdempotent => true;

    /// <summary><see cref="FleetPipelines.Web"/>: retries the transient faults <see cref="CaseManagementFaults"/> names.</summary>
    public string Pipeline => FleetPipelines.Web;

    /// <inheritdoc />
    public async Task<string?> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = _request(context);
        if (request is null)
        {
            return JsonSerializer.Serialize(new { skipped = "the outcome needs no case note" });
        }

        if (string.IsNullOrWhiteSpace(request.CaseRecordId) || string.IsNullOrWhiteSpace(request.Text))
        {
            throw new PermanentDeliveryException("The outcome has no case-record id or no note text, so no case note can be written.");
        }

        return await CaseManagementDelivery.RunAsync(
            async () =>
            {
                var result = await _writer.WriteAsync(request.CaseRecordId, context.IdempotencyKey, request.Text, cancellationToken);
                return JsonSerializer.Serialize(new { status = result.Status.ToString(), caseRecordId = result.CaseRecordId, reference = result.Reference });
            },
            "The case note cannot be written");
    }
}
