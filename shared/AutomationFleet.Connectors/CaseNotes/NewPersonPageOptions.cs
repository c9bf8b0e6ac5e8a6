namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The form that opens a new person's case record.</summary>
public sealed class NewPersonPageOptions
{
    /// <summary>Path of the page. Default <c>/people/new</c>.</summary>
    public string Path { get; set; } = "/people/new";

    /// <summary>The given-name field.</summary>
    public string GivenName { get; set; } = "";

    /// <summary>The surname field.</summary>
    public string Surname { get; set; } = "";

    /// <summary>The date-of-birth field.</summary>
    public string DateOfBirth { get; set; } = "";

    /// <summary>How the system wants a date of birth written (.NET format), on this form and the search page. Default <c>yyyy-MM-dd</c>.</summary>
    public string DateFormat { get; set; } = "yyyy-MM-dd";

    /// <summary>The address field.</summary>
    public string Address { get; set; } = "";

    /// <summary>The postcode field.</summary>
    public string Postcode { get; set; } = "";

    /// <summary>The field that carries the fleet's reference, so a redo can find the record by it.</summary>
    public string SourceReference { get; set; } = "";

    /// <summary>The button that saves the person; the system then shows their record.</summary>
    public string Save { get; set; } = "";
}
