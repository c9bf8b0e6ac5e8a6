using Microsoft.Playwright;

namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// Drives one browser page through the system's pages as the configuration describes them. Every element is
/// counted before it is used: a missing or doubled element is a changed layout and stops the flow, naming the
/// element; nothing is clicked on a guess.
/// </summary>
internal sealed class CaseManagementPages
{
    private readonly IPage _page;
    private readonly CaseManagementOptions _options;
    private readonly Uri _baseUrl;
    private string? _unexpectedDialog;

    public CaseManagementPages(IPage page, CaseManagementOptions options)
    {
        _page = page;
        _options = options;
        _baseUrl = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        page.SetDefaultTimeout((float)options.ActionTimeout.TotalMilliseconds);
        page.SetDefaultNavigationTimeout((float)options.NavigationTimeout.TotalMilliseconds);
        page.Dialog += async (_, dialog) =>
        {
            var confirm = options.NoteForm.ConfirmText;
            if (dialog.Type == DialogType.Confirm && confirm.Length > 0 && dialog.Message.Contains(confirm, StringComparison.Ordinal))
            {
                await dialog.AcceptAsync();
                return;
            }

            _unexpectedDialog = $"a {dialog.Type} pop-up that is not the configured confirmation (CaseManagement:NoteForm:ConfirmText)";
            await dialog.DismissAsync();
        };
    }

    /// <summary>How many times this page signed in.</summary>
    public int SignIns { get; private set; }

    /// <summary>Opens the search page, signing in first if the system asks.</summary>
    public async Task OpenSearchAsync(CaseManagementCredentials credentials, CancellationToken cancellationToken)
    {
        await GoToAsync(_options.Search.Path, "search", allowSignIn: true);
        if (!OnSignInPage())
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        await (await OneAsync(_options.SignIn.Username, "SignIn:Username", "sign-in")).FillAsync(credentials.Username);
        await (await OneAsync(_options.SignIn.Password, "SignIn:Password", "sign-in")).FillAsync(credentials.Password);
        var submit = await OneAsync(_options.SignIn.Submit, "SignIn:Submit", "sign-in");
        await SubmitAsync(() => submit.ClickAsync(), "sign-in", allowSignIn: true);
        SignIns++;
        if (OnSignInPage())
        {
            throw new CaseManagementException(
                CaseManagementFault.Refused,
                "The case-management system refused the sign-in; check the account in FLEET_CASE_MANAGEMENT_USER/PASSWORD or the secret files.");
        }

        await GoToAsync(_options.Search.Path, "search", allowSignIn: false);
    }

    /// <summary>Searches by case-record id and opens the one person found; checks it is their record.</summary>
    public async Task OpenPersonAsync(string caseRecordId, CancellationToken cancellationToken)
    {
        var results = await SearchAsync([(_options.Search.CaseRecordId, "Search:CaseRecordId", caseRecordId)], cancellationToken);
        var found = await results.CountAsync();
        if (found == 0)
        {
            throw new CaseManagementException(CaseManagementFault.PersonNotFound, $"No person has case-record id {caseRecordId}.");
        }

        if (found > 1)
        {
            throw new CaseManagementException(CaseManagementFault.PersonNotFound, $"The search for case-record id {caseRecordId} found {found} people, not one.");
        }

        await SubmitAsync(() => results.ClickAsync(), "person", allowSignIn: false);
        await CheckPersonAsync(caseRecordId);
    }

    /// <summary>
    /// Searches by source reference; when one person carries it, opens their record and returns its case-record id.
    /// Null when nobody carries it. More than one is a duplicate a person must sort out.
    /// </summary>
    public async Task<string?> OpenPersonBySourceReferenceAsync(string reference, CancellationToken cancellationToken)
    {
        await GoToAsync(_options.Search.Path, "search", allowSignIn: false);
        var results = await SearchAsync([(_options.Search.SourceReference, "Search:SourceReference", reference)], cancellationToken);
        var found = await results.CountAsync();
        if (found == 0)
        {
            return null;
        }

        if (found > 1)
        {
            throw new CaseManagementException(
                CaseManagementFault.PossibleDuplicate, $"{found} people carry source reference {reference}; a person must decide which record is the one.");
        }

        await SubmitAsync(() => results.ClickAsync(), "person", allowSignIn: false);
        return await ReadCreatedPersonAsync(reference);
    }

    /// <summary>How many people the search finds with this name and date of birth (written as the system wants it).</summary>
    public async Task<int> CountPeopleAsync(string name, string dateOfBirth, CancellationToken cancellationToken)
    {
        await GoToAsync(_options.Search.Path, "search", allowSignIn: false);
        var results = await SearchAsync(
            [(_options.Search.Name, "Search:Name", name), (_options.Search.DateOfBirth, "Search:DateOfBirth", dateOfBirth)], cancellationToken);
        return await results.CountAsync();
    }

    /// <summary>
    /// Opens the new-person form, fills it (the date already written as the system wants it), saves, and returns the
    /// case-record id of the record the system shows, once that record is seen to carry the reference.
    /// </summary>
    public async Task<string> CreatePersonAsync(NewPersonRequest person, string dateOfBirth, string reference, CancellationToken cancellationToken)
    {
        const string PageName = "new-person form";
        var form = _options.NewPerson;
        await GoToAsync(form.Path, PageName, allowSignIn: false);
        (string Selector, string Setting, string Value)[] fields =
        [
            (form.GivenName, "NewPerson:GivenName", person.GivenName),
            (form.Surname, "NewPerson:Surname", person.Surname),
            (form.DateOfBirth, "NewPerson:DateOfBirth", dateOfBirth),
            (form.Address, "NewPerson:Address", person.Address ?? ""),
            (form.Postcode, "NewPerson:Postcode", person.Postcode ?? ""),
            (form.SourceReference, "NewPerson:SourceReference", reference),
        ];
        await FillAsync(fields, PageName);
        var save = await OneAsync(form.Save, "NewPerson:Save", PageName);
        cancellationToken.ThrowIfCancellationRequested();
        await SubmitAsync(() => save.ClickAsync(), "person (after saving)", allowSignIn: false);
        return await ReadCreatedPersonAsync(reference);
    }

    /// <summary>The text of every note on the open record.</summary>
    public async Task<IReadOnlyList<string>> ReadNotesAsync()
    {
        await OneAsync(_options.Person.NotesList, "Person:NotesList", "person");
        return await _page.Locator(_options.Person.Note).AllInnerTextsAsync();
    }

    /// <summary>Opens the add-note form, fills it, accepts the confirmation and saves; lands back on the record.</summary>
    public async Task AddNoteAsync(string caseRecordId, string text, CancellationToken cancellationToken)
    {
        var add = await OneAsync(_options.Person.AddNote, "Person:AddNote", "person");
        await SubmitAsync(() => add.ClickAsync(), "add-note form", allowSignIn: false);
        await (await OneAsync(_options.NoteForm.Text, "NoteForm:Text", "add-note form")).FillAsync(text);
        var save = await OneAsync(_options.NoteForm.Save, "NoteForm:Save", "add-note form");
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await SubmitAsync(() => save.ClickAsync(), "person (after saving)", allowSignIn: false);
        }
        catch (TimeoutException exception) when (_unexpectedDialog is not null)
        {
            throw new CaseManagementException(CaseManagementFault.Refused, $"Saving the note raised {_unexpectedDialog}; it was dismissed.", exception);
        }

        await CheckPersonAsync(caseRecordId);
    }

    // Fills the search form's fields, searches, and returns the results (none only when the page says so).
    private async Task<ILocator> SearchAsync((string Selector, string Setting, string Value)[] fields, CancellationToken cancellationToken)
    {
        await FillAsync(fields, "search");
        var submit = await OneAsync(_options.Search.Submit, "Search:Submit", "search");
        await SubmitAsync(() => submit.ClickAsync(), "search results", allowSignIn: false);
        cancellationToken.ThrowIfCancellationRequested();

        var results = _page.Locator(_options.Search.Result);
        if (await results.CountAsync() == 0 && await _page.Locator(_options.Search.NoResults).CountAsync() == 0)
        {
            throw Changed("search results", "Search:Result", _options.Search.Result, "is missing and the page does not say there are no results (Search:NoResults)");
        }

        return results;
    }

    private async Task FillAsync((string Selector, string Setting, string Value)[] fields, string pageName)
    {
        // Every field is found before any is filled, so a changed form stops before it is half filled.
        var located = new List<(ILocator Field, string Value)>(fields.Length);
        foreach (var (selector, setting, value) in fields)
        {
            located.Add((await OneAsync(selector, setting, pageName), value));
        }

        foreach (var (field, value) in located)
        {
            await field.FillAsync(value);
        }
    }

    // The open record must carry the reference: a record without it could not be found by a redo, which would then
    // open a second one, so that is stopped for a person to check rather than carried on.
    private async Task<string> ReadCreatedPersonAsync(string reference)
    {
        var id = (await (await OneAsync(_options.Person.CaseRecordId, "Person:CaseRecordId", "person")).InnerTextAsync()).Trim();
        var shown = (await (await OneAsync(_options.Person.SourceReference, "Person:SourceReference", "person")).InnerTextAsync()).Trim();
        if (id.Length == 0 || !string.Equals(shown, reference, StringComparison.Ordinal))
        {
            throw new CaseManagementException(
                CaseManagementFault.LayoutChanged,
                $"The person page for case record '{id}' shows source reference '{shown}', not {reference}; check the record before anything is done again.");
        }

        return id;
    }

    private async Task CheckPersonAsync(string caseRecordId)
    {
        var shown = (await (await OneAsync(_options.Person.CaseRecordId, "Person:CaseRecordId", "person")).InnerTextAsync()).Trim();
        if (!string.Equals(shown, caseRecordId, StringComparison.OrdinalIgnoreCase))
        {
            // Never write on the wrong person's record.
            throw new CaseManagementException(
                CaseManagementFault.LayoutChanged,
                $"The person page opened for case-record id {caseRecordId} shows case-record id {shown}; nothing was written.");
        }
    }

    private async Task GoToAsync(string path, string pageName, bool allowSignIn)
    {
        var response = await _page.GotoAsync(new Uri(_baseUrl, path.TrimStart('/')).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Check(response, pageName, allowSignIn);
    }

    // RunAndWaitForNavigation is marked obsolete as racy when a navigation may start before the wait; here the wait
    // is set up before the click that starts it. It is kept because it gives the final response after redirects (its
    // status tells a 500 from a page) and waits for the new document even when a legacy form posts back to its own
    // URL, which WaitForURL, its suggested replacement, cannot tell apart from the old page.
    private async Task SubmitAsync(Func<Task> action, string pageName, bool allowSignIn)
    {
#pragma warning disable CS0612
        var response = await _page.RunAndWaitForNavigationAsync(action, new PageRunAndWaitForNavigationOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
#pragma warning restore CS0612
        Check(response, pageName, allowSignIn);
    }

    private void Check(IResponse? response, string pageName, bool allowSignIn)
    {
        var status = response?.Status ?? 200;
        if (status >= 500)
        {
            throw new CaseManagementException(CaseManagementFault.Unavailable, $"The case-management system answered HTTP {status} for the {pageName} page.");
        }

        if (!allowSignIn && OnSignInPage())
        {
            throw new CaseManagementException(CaseManagementFault.SessionExpired, $"The session ended on the way to the {pageName} page; the system asked to sign in again.");
        }

        if (status == 404)
        {
            throw new CaseManagementException(CaseManagementFault.PersonNotFound, $"The case-management system answered HTTP 404 for the {pageName} page.");
        }

        if (status >= 400 && !(allowSignIn && OnSignInPage()))
        {
            throw new CaseManagementException(CaseManagementFault.Refused, $"The case-management system answered HTTP {status} for the {pageName} page.");
        }
    }

    private bool OnSignInPage() =>
        Uri.TryCreate(_page.Url, UriKind.Absolute, out var url)
        && url.AbsolutePath.StartsWith(_options.SignIn.Path, StringComparison.OrdinalIgnoreCase);

    private async Task<ILocator> OneAsync(string selector, string setting, string pageName)
    {
        var locator = _page.Locator(selector);
        var count = await locator.CountAsync();
        return count switch
        {
            1 => locator,
            0 => throw Changed(pageName, setting, selector, "is missing"),
            _ => throw Changed(pageName, setting, selector, $"matches {count} elements, not one"),
        };
    }

    private static CaseManagementException Changed(string pageName, string setting, string selector, string what) =>
        new(
            CaseManagementFault.LayoutChanged,
            $"The {pageName} page has changed: the element CaseManagement:{setting} ('{selector}') {what}. "
            + "Nothing was clicked; update the selector in config/case-management.json.");
}
