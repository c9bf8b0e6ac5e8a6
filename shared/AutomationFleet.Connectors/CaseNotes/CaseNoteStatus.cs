namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>What writing a case note did.</summary>
public enum CaseNoteStatus
{
    /// <summary>The note was written and read back.</summary>
    Written,

    /// <summary>A note with the reference was already on the record (an earlier attempt wrote it); nothing was written.</summary>
    AlreadyThere,
}
