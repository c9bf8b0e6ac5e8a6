namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>Writes a case note into the case-management system, at most once per reference.</summary>
public interface ICaseNoteWriter
{
    /// <summary>
    /// One attempt: sign in if asked, find the person by case-record id, open the record, look for a note carrying
    /// <paramref name="reference"/> and, only if there is none, add <paramref name="text"/> with the reference line,
    /// then read it back. Throws <see cref="CaseManagementException"/> on failure (with a screenshot and trace);
    /// run it under the fleet's <c>web</c> pipeline to retry the transient ones (<see cref="CaseNoteStep"/> is).
    /// </summary>
    Task<CaseNoteResult> WriteAsync(string caseRecordId, string reference, string text, CancellationToken cancellationToken);
}
