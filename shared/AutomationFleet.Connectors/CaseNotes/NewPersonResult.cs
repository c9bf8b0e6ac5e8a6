namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The outcome of <see cref="ICaseRecordCreator.CreateAsync"/>.</summary>
/// <param name="Status">Created, or already there.</param>
/// <param name="CaseRecordId">The record's case-record id, as the system gave it.</param>
/// <param name="Reference">The source reference the record carries.</param>
public sealed record NewPersonResult(NewPersonStatus Status, string CaseRecordId, string Reference);

/// <summary>What creating a person did.</summary>
public enum NewPersonStatus
{
    /// <summary>A record was opened and read back carrying the reference.</summary>
    Created,

    /// <summary>A record already carried the reference (an earlier attempt opened it); it is reused and nothing is created.</summary>
    AlreadyThere,
}
