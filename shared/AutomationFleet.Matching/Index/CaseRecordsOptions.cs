namespace AutomationFleet.Matching.Index;

/// <summary>
/// Where the fleet's person index comes from and where it is kept, bound from the <c>CaseRecords</c> section. One
/// index for every bot that matches people (contact forms, incident reports); checked by
/// <see cref="CaseRecordsOptionsValidator"/>.
/// </summary>
public sealed class CaseRecordsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CaseRecords";

    /// <summary>The case-record extract (CSV) the person index is built from. Default <c>samples/case-records/people.csv</c>, the sample app's extract.</summary>
    public string Path { get; set; } = "samples/case-records/people.csv";

    /// <summary>A column mapping (JSON) for an extract in another layout; none (null) when the extract has the standard columns.</summary>
    public string? ColumnMapPath { get; set; }

    /// <summary>The folder the built index is kept in, so a restart loads it and does not rebuild it. Default <c>var/person-index</c>.</summary>
    public string IndexPath { get; set; } = "var/person-index";

    /// <summary>How often the extract (and mapping) is checked for changes; the index is rebuilt when either has changed. Default 1 hour.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);
}
