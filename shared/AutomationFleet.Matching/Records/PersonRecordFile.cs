namespace AutomationFleet.Matching.Records;

/// <summary>The records read from one file, and how many invalid values were treated as missing.</summary>
public sealed record PersonRecordFile(string FilePath, IReadOnlyList<PersonRecord> Records, int InvalidValues);
