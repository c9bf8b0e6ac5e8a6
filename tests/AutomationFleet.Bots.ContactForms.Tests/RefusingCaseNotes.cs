using AutomationFleet.Connectors.CaseNotes;

namespace AutomationFleet.Bots.ContactForms.Tests;

/// <summary>Deciding writes nothing, so a decision test's writer refuses; the connector is tested against the sample app in Chromium.</summary>
internal sealed class RefusingCaseNotes : ICaseNoteWriter
{
    public Task<CaseNoteResult> WriteAsync(string caseRecordId, string reference, string text, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A decision must not write a case note.");
}
