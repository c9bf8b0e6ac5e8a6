namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The outcome of <see cref="ICaseNoteWriter.WriteAsync"/>.</summary>
/// <param name="Status">Written, or already there.</param>
/// <param name="CaseRecordId">The person's case-record id.</param>
/// <param name="Reference">The reference the note carries.</param>
public sealed record CaseNoteResult(CaseNoteStatus Status, string CaseRecordId, string Reference);
