namespace AutomationFleet.Matching.Records;

/// <summary>
/// A person file (or its column mapping) cannot be used. The message names the file, the row (1 = the header) and the
/// column, never the value, so it can be logged without personal data.
/// </summary>
public sealed class RecordFileException : Exception
{
    /// <summary>Creates the exception; <paramref name="row"/> and <paramref name="column"/> are null when the fault is not in one cell.</summary>
    public RecordFileException(string filePath, long? row, string? column, string reason, Exception? inner = null)
        : base(Describe(filePath, row, column, reason), inner)
    {
        FilePath = filePath;
        Row = row;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based row of the file (the header is row 1), when the fault is in a row.</summary>
    public long? Row { get; }

    /// <summary>The column at fault, as named in the file's header.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the value.</summary>
    public string Reason { get; }

    private static string Describe(string filePath, long? row, string? column, string reason)
    {
        var where = filePath;
        if (row is not null)
        {
            where += FormattableString.Invariant($", row {row}");
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {reason}";
    }
}
