using AutomationFleet.Connectors.CaseNotes;

namespace AutomationFleet.Bots.ContactForms.Tests;

/// <summary>
/// Deciding writes nothing, so a decision test's connector refuses to write a note or open a record; the connector is
/// tested against the sample app in Chromium.
/// </summary>
internal sealed class RefusingCaseNotes : ICaseNoteWriter, ICaseRecordCreator
{
    public Task<CaseNoteResult> WriteAsync(string caseRecordId, string reference, string text, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A decision must not write a case note.");

    public Task<NewPersonResult> CreateAsync(NewPersonRequest person, string reference, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A decision must not open a case record.");
}
