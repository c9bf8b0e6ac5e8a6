namespace AutomationFleet.Samples.CaseManagement;

/// <summary>A note on a person's case record.</summary>
public sealed record CaseNote(long Id, string PersonId, string Text, string Author, DateTimeOffset CreatedAt);
