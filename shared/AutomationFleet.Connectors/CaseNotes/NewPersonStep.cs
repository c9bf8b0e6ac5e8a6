using System.Text.Json;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// The delivery step that opens a new person's case record and writes the first note on it: the bot says who and
/// what (<see cref="NewPersonAndNote"/>); the record's source reference and the note's reference line are both the
/// step's idempotency key. Its result, kept in the side-effect ledger, names the case record that was created.
/// </summary>
public sealed class NewPersonStep : IDeliveryStep
{
    private readonly ICaseRecordCreator _creator;
    private readonly ICaseNoteWriter _writer;
    private readonly Func<DeliveryContext, NewPersonAndNote?> _request;

    /// <summary>Creates the step.</summary>
    /// <param name="creator">The creator (registered by <c>AddCaseNotes</c>).</param>
    /// <param name="writer">The note writer (registered by <c>AddCaseNotes</c>).</param>
    /// <param name="request">The person and note for an item; null when the outcome opens no record (skipped).</param>
    /// <param name="name">Step name, unique within the bot; part of the idempotency key, so keep it stable.</param>
    public NewPersonStep(ICaseRecordCreator creator, ICaseNoteWriter writer, Func<DeliveryContext, NewPersonAndNote?> request, string name = "new-person")
    {
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _creator = creator;
        _writer = writer;
        _request = request;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// True: every attempt searches the system for a record carrying the idempotency key before it opens one, and the
    /// record for a note carrying it before it writes, so a redo after a crash between saving and recording reuses the
    /// record and writes no second note. This rests on two things the sample system does and a council's must too: its
    /// search finds a record as soon as it is saved, and nobody edits the source reference away in between. Where either
    /// fails, a redo would open a second record; the step would then have to be declared not idempotent.
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
            return JsonSerializer.Serialize(new { skipped = "the outcome opens no case record" });
        }

        if (string.IsNullOrWhiteSpace(request.Note))
        {
            throw new PermanentDeliveryException("The outcome has no note text, so the new person's record would have no first note.");
        }

        return await CaseManagementDelivery.RunAsync(
            async () =>
            {
                var person = await _creator.CreateAsync(request.Person, context.IdempotencyKey, cancellationToken);
                var note = await _writer.WriteAsync(person.CaseRecordId, context.IdempotencyKey, request.Note, cancellationToken);
                return JsonSerializer.Serialize(new
                {
                    person = person.Status.ToString(),
                    caseRecordId = person.CaseRecordId,
                    reference = person.Reference,
                    note = note.Status.ToString(),
                });
            },
            "The new person cannot be created");
    }
}
