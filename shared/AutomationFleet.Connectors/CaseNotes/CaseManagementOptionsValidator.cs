using Microsoft.Extensions.Options;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>Checks the case-management settings, reporting every bad one by its configuration path.</summary>
public sealed class CaseManagementOptionsValidator : IValidateOptions<CaseManagementOptions>
{
    private readonly Func<string, string?> _environment;

    /// <summary>Reads credentials from the process environment.</summary>
    public CaseManagementOptionsValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Reads credentials from <paramref name="environment"/> (tests).</summary>
    public CaseManagementOptionsValidator(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CaseManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = CaseManagementOptions.SectionName;
        var failures = new List<string>();
        Positive(failures, options.NavigationTimeout, $"{Prefix}:NavigationTimeout");
        Positive(failures, options.ActionTimeout, $"{Prefix}:ActionTimeout");
        if (!options.ReferenceLine.Contains("{Reference}", StringComparison.Ordinal) || options.ReferenceLine.Contains('\n', StringComparison.Ordinal))
        {
            failures.Add($"{Prefix}:ReferenceLine is '{options.ReferenceLine}'; it must be one line containing {{Reference}}.");
        }

        if (options.MaxNoteLength is < 100 or > 1_000_000)
        {
            failures.Add($"{Prefix}:MaxNoteLength is {options.MaxNoteLength}; it must be between 100 and 1000000.");
        }

        if (!options.Enabled)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}:BaseUrl is '{options.BaseUrl}'; give the system's http(s) address, e.g. https://casemanagement.council.example.");
        }

        if (!File.Exists(options.ChromiumPath))
        {
            failures.Add($"{Prefix}:ChromiumPath is '{options.ChromiumPath}', which does not exist; install Debian's chromium package or give its path.");
        }

        PagePath(failures, options.SignIn.Path, $"{Prefix}:SignIn:Path");
        PagePath(failures, options.Search.Path, $"{Prefix}:Search:Path");
        Selector(failures, options.SignIn.Username, $"{Prefix}:SignIn:Username");
        Selector(failures, options.SignIn.Password, $"{Prefix}:SignIn:Password");
        Selector(failures, options.SignIn.Submit, $"{Prefix}:SignIn:Submit");
        Selector(failures, options.Search.CaseRecordId, $"{Prefix}:Search:CaseRecordId");
        Selector(failures, options.Search.Submit, $"{Prefix}:Search:Submit");
        Selector(failures, options.Search.Result, $"{Prefix}:Search:Result");
        Selector(failures, options.Search.NoResults, $"{Prefix}:Search:NoResults");
        Selector(failures, options.Person.CaseRecordId, $"{Prefix}:Person:CaseRecordId");
        Selector(failures, options.Person.NotesList, $"{Prefix}:Person:NotesList");
        Selector(failures, options.Person.Note, $"{Prefix}:Person:Note");
        Selector(failures, options.Person.AddNote, $"{Prefix}:Person:AddNote");
        Selector(failures, options.NoteForm.Text, $"{Prefix}:NoteForm:Text");
        Selector(failures, options.NoteForm.Save, $"{Prefix}:NoteForm:Save");
        failures.AddRange(CaseManagementCredentials.Problems(options, _environment));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// What stops the connector creating people, one sentence each naming the setting (empty when it can). Checked by a
    /// bot that creates people, so a system whose pages are only used for notes need not describe its new-person form.
    /// </summary>
    public static IReadOnlyList<string> NewPersonProblems(CaseManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = CaseManagementOptions.SectionName;
        var failures = new List<string>();
        var page = options.NewPerson;
        PagePath(failures, page.Path, $"{Prefix}:NewPerson:Path");
        Selector(failures, options.Search.SourceReference, $"{Prefix}:Search:SourceReference");
        Selector(failures, options.Search.Name, $"{Prefix}:Search:Name");
        Selector(failures, options.Search.DateOfBirth, $"{Prefix}:Search:DateOfBirth");
        Selector(failures, options.Person.SourceReference, $"{Prefix}:Person:SourceReference");
        Selector(failures, page.GivenName, $"{Prefix}:NewPerson:GivenName");
        Selector(failures, page.Surname, $"{Prefix}:NewPerson:Surname");
        Selector(failures, page.DateOfBirth, $"{Prefix}:NewPerson:DateOfBirth");
        Selector(failures, page.Address, $"{Prefix}:NewPerson:Address");
        Selector(failures, page.Postcode, $"{Prefix}:NewPerson:Postcode");
        Selector(failures, page.SourceReference, $"{Prefix}:NewPerson:SourceReference");
        Selector(failures, page.Save, $"{Prefix}:NewPerson:Save");
        try
        {
            _ = new DateOnly(2001, 2, 3).ToString(page.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            failures.Add($"{Prefix}:NewPerson:DateFormat is '{page.DateFormat}', which is not a .NET date format; e.g. yyyy-MM-dd or dd/MM/yyyy.");
        }

        return failures;
    }

    private static void Positive(List<string> failures, TimeSpan value, string path)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{path} is {value}; it must be more than 0 and at most 00:10:00.");
        }
    }

    private static void PagePath(List<string> failures, string value, string path)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.StartsWith('/'))
        {
            failures.Add($"{path} is '{value}'; give the page's path from the base address, starting with '/'.");
        }
    }

    private static void Selector(List<string> failures, string value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{path} is empty; give the element's selector (see config/case-management.json).");
        }
    }
}
