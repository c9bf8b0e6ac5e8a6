namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The person search page: it finds a person by case-record id.</summary>
public sealed class SearchPageOptions
{
    /// <summary>Path of the page.</summary>
    public string Path { get; set; } = "/people";

    /// <summary>The case-record id field.</summary>
    public string CaseRecordId { get; set; } = "";

    /// <summary>The search button.</summary>
    public string Submit { get; set; } = "";

    /// <summary>A link to a person in the results; exactly one is expected.</summary>
    public string Result { get; set; } = "";

    /// <summary>What the page shows when nothing matched (tells "no such person" from "the page changed").</summary>
    public string NoResults { get; set; } = "";
}
