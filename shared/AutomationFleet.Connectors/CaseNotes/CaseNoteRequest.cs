namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>What a bot wants noted: on whose record, and the text (the connector adds the reference line).</summary>
/// <param name="CaseRecordId">The person's case-record id, e.g. <c>CR100042</c>.</param>
/// <param name="Text">The note, without the reference line.</param>
public sealed record CaseNoteRequest(string CaseRecordId, string Text);
