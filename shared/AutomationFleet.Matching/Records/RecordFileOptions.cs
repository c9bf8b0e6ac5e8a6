namespace AutomationFleet.Matching.Records;

/// <summary>Limits and policies for reading a person file.</summary>
public sealed record RecordFileOptions
{
    /// <summary>Files larger than this are refused before any row is read. Default 500 MB (about 3 million rows).</summary>
    public long MaxFileBytes { get; init; } = 500L * 1024 * 1024;

    /// <summary>Impossible dates and rows with both names empty: rejected by default.</summary>
    public InvalidValueHandling InvalidValues { get; init; } = InvalidValueHandling.Reject;
}
