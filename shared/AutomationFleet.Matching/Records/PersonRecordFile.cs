namespace AutomationFleet.Matching.Records;

/// <summary>The records read from one file, and how many invalid values were treated as missing.</summary>
public sealed record PersonRecordFile(string FilePath, IReadOnlyList<PersonRecord> Records, int InvalidValues)
{
    /// <summary>
    /// The standard fields (<see cref="PersonField"/>) the file provides, through its header or the mapping, in
    /// <see cref="PersonField.All"/> order; a field not listed is empty in every record.
    /// </summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}
