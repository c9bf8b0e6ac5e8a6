namespace AutomationFleet.Matching.Records;

/// <summary>What the reader does with a value that cannot be right (an impossible date, a row with no name at all).</summary>
public enum InvalidValueHandling
{
    /// <summary>Stop with a <see cref="RecordFileException"/> naming the row and column (the default: a bad extract should be fixed at source).</summary>
    Reject,

    /// <summary>Treat the value as missing and keep the row; the count is reported in <see cref="PersonRecordFile.InvalidValues"/>.</summary>
    TreatAsMissing,
}
