namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The person search page: it finds a person by case-record id, and (to create people) by source reference or name and date of birth.</summary>
public sealed class SearchPageOptions
{
    /// <summary>Path of the page.</summary>
    public string Path { get; set; } = "/people";

    /// <summary>The case-record id field.</summary>
    public string CaseRecordId { get; set; } = "";

    /// <summary>The source-reference field (only for creating people: a redo finds the record it made by it).</summary>
    public string SourceReference { get; set; } = "";

    /// <summary>The name field (only for creating people: someone with the same name and date of birth stops the creation).</summary>
    public string Name { get; set; } = "";

    /// <summary>The date-of-birth field, filled in <see cref="NewPersonPageOptions.DateFormat"/> (only for creating people).</summary>
    public string DateOfBirth { get; set; } = "";

    /// <summary>The search button.</summary>
    public string Submit { get; set; } = "";

    /// <summary>A link to a person in the results; exactly one is expected.</summary>
    public string Result { get; set; } = "";

    /// <summary>What the page shows when nothing matched (tells "no such person" from "the page changed").</summary>
    public string NoResults { get; set; } = "";
}
