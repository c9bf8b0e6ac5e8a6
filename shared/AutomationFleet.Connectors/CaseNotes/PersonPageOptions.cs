namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>A person's record: their case-record id, their notes and the way to add one.</summary>
public sealed class PersonPageOptions
{
    /// <summary>The element whose text is the case-record id; checked before anything is written.</summary>
    public string CaseRecordId { get; set; } = "";

    /// <summary>The element whose text is the record's source reference (only for creating people; checked after saving).</summary>
    public string SourceReference { get; set; } = "";

    /// <summary>The element that holds the notes (present even when there are none).</summary>
    public string NotesList { get; set; } = "";

    /// <summary>One note in the list; its text is searched for the reference line.</summary>
    public string Note { get; set; } = "";

    /// <summary>The link or button that opens the add-note form.</summary>
    public string AddNote { get; set; } = "";
}
