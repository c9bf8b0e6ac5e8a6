using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static AutomationFleet.Samples.CaseManagement.PageLayout;

namespace AutomationFleet.Samples.CaseManagement;

/// <summary>The pages: sign-in, person search, a person with their notes, the add-note form and the new-person form.</summary>
public static class CaseManagementEndpoints
{
    public const string GenerationClaim = "session-generation";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Redirect("/people"));
        app.MapGet("/sign-in", (HttpContext context, string? returnUrl) => SignInPage(context, returnUrl, error: null));
        app.MapPost("/sign-in", SignInAsync);
        app.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/sign-in");
        }).RequireAuthorization();

        app.MapGet("/people", (HttpContext context) => SearchPage(context, [], searched: false)).RequireAuthorization();
        app.MapPost(
            "/people/search",
            async (HttpContext context, CaseRecordStore store, [FromForm] string? name, [FromForm] string? dob, [FromForm] string? id, [FromForm] string? source) =>
                SearchPage(context, await store.SearchAsync(name, dob, id, source), searched: true)).RequireAuthorization();
        app.MapGet("/people/new", (HttpContext context, LegacyQuirks quirks) => NewPersonPage(context, quirks, error: null)).RequireAuthorization();
        app.MapPost("/people", AddPersonAsync).RequireAuthorization();
        app.MapGet("/people/{id}", PersonPageAsync).RequireAuthorization();
        app.MapGet("/people/{id}/notes/new", NewNotePageAsync).RequireAuthorization();
        app.MapPost("/people/{id}/notes", AddNoteAsync).RequireAuthorization();
    }

    private static IResult SignInPage(HttpContext context, string? returnUrl, string? error) => Page(
        context,
        "Sign in",
        $"""
        <h1>Sign in</h1>
        {(error is null ? "" : $"<p id=\"sign-in-error\" style=\"color:red\">{E(error)}</p>")}
        <form id="sign-in-form" method="post" action="/sign-in">
          {Token(context)}
          <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
          <p><label for="username">User name</label> <input id="username" name="username" autocomplete="username"></p>
          <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"></p>
          <p><button id="sign-in" type="submit">Sign in</button></p>
        </form>
        """,
        error is null ? 200 : 401);

    private static async Task<IResult> SignInAsync(
        HttpContext context, IOptions<SampleAppOptions> options, LegacyQuirks quirks,
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var settings = options.Value;
        if (!Same(username, settings.DemoUsername) | !Same(password, settings.DemoPassword))
        {
            return SignInPage(context, returnUrl, "User name or password is wrong.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, settings.DemoUsername), new Claim(GenerationClaim, quirks.SessionGeneration.ToString(CultureInfo.InvariantCulture))],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        quirks.CountSignIn();
        return Results.Redirect(!string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/people");
    }

    private static IResult SearchPage(HttpContext context, IReadOnlyList<PersonRecord> people, bool searched)
    {
        var rows = string.Concat(people.Select(p =>
            $"""<tr class="result"><td><a class="person-link" href="/people/{E(p.Id)}">{E(p.Id)}</a></td><td>{E(p.GivenName)} {E(p.Surname)}</td><td>{E(p.DateOfBirth)}</td><td>{E(p.Postcode)}</td></tr>"""));
        var results = !searched
            ? ""
            : people.Count == 0
                ? """<p id="no-results">No people match.</p>"""
                : $"""<table id="results"><thead><tr><th>Case record</th><th>Name</th><th>Date of birth</th><th>Postcode</th></tr></thead><tbody>{rows}</tbody></table>""";
        return Page(
            context,
            "Search people",
            $"""
            <h1>Search people</h1>
            <form id="search-form" method="post" action="/people/search">
              {Token(context)}
              <label for="search-name">Name</label> <input id="search-name" name="name">
              <label for="search-dob">Date of birth</label> <input id="search-dob" name="dob" placeholder="YYYY-MM-DD">
              <label for="search-id">Case record id</label> <input id="search-id" name="id">
              <label for="search-source">Source reference</label> <input id="search-source" name="source">
              <button id="search" type="submit">Search</button>
            </form>
            <p><a id="add-person" href="/people/new">Add a new person</a></p>
            {results}
            """);
    }

    private static async Task<IResult> PersonPageAsync(HttpContext context, CaseRecordStore store, LegacyQuirks quirks, string id)
    {
        var person = await store.FindAsync(id);
        if (person is null)
        {
            return Page(context, "Not found", $"""<h1>No case record {E(id)}</h1>""", 404);
        }

        var notes = await store.NotesAsync(id);
        var redesigned = quirks.Redesigned;
        var items = string.Concat(notes.Select(n => redesigned
            ? $"""<article class="timeline-entry" data-note-id="{n.Id}"><header>{E(n.Author)}, {n.CreatedAt:yyyy-MM-dd HH:mm}</header><p class="entry-body">{E(n.Text)}</p></article>"""
            : $"""<li class="case-note" data-note-id="{n.Id}"><div class="note-meta">{E(n.Author)}, {n.CreatedAt:yyyy-MM-dd HH:mm}</div><pre class="note-text">{E(n.Text)}</pre></li>"""));
        var notesHtml = redesigned
            ? $"""<section id="timeline"><h2>Timeline</h2>{items}<a id="new-entry" href="/people/{E(id)}/notes/new">New entry</a></section>"""
            : $"""<h2>Case notes ({notes.Count})</h2><ol id="case-notes">{items}</ol><p><a id="add-note" href="/people/{E(id)}/notes/new">Add a case note</a></p>""";
        return Page(
            context,
            $"{person.GivenName} {person.Surname}",
            $"""
            <h1 id="person-name">{E(person.GivenName)} {E(person.Surname)}</h1>
            <dl id="person-details">
              <dt>Case record</dt><dd id="case-record-id">{E(person.Id)}</dd>
              <dt>Date of birth</dt><dd id="date-of-birth">{E(person.DateOfBirth)}</dd>
              <dt>Address</dt><dd id="address">{E(person.Address)}, {E(person.Postcode)}</dd>
              <dt>NHS number</dt><dd id="nhs-number">{E(person.NhsNumber)}</dd>
              <dt>Source reference</dt><dd id="source-reference">{E(person.SourceReference)}</dd>
            </dl>
            {notesHtml}
            """);
    }

    private static async Task<IResult> NewNotePageAsync(HttpContext context, CaseRecordStore store, LegacyQuirks quirks, string id)
    {
        var person = await store.FindAsync(id);
        if (person is null)
        {
            return Page(context, "Not found", $"""<h1>No case record {E(id)}</h1>""", 404);
        }

        var confirm = quirks.ConfirmBeforeSave ? """ onclick="return confirm('Save this case note? It cannot be changed afterwards.')" """ : "";
        var (textId, buttonId) = quirks.Redesigned ? ("entry-body", "submit-entry") : ("note-text", "save-note");
        return Page(
            context,
            "Add a case note",
            $"""
            <h1>Add a case note for <span id="note-person">{E(person.Id)}</span></h1>
            <form id="note-form" method="post" action="/people/{E(id)}/notes">
              {Token(context)}
              <p><label for="{textId}">Note</label><br><textarea id="{textId}" name="text" rows="12" cols="80"></textarea></p>
              <p><button id="{buttonId}" type="submit"{confirm}>Save note</button> <a href="/people/{E(id)}">Cancel</a></p>
            </form>
            """);
    }

    private static async Task<IResult> AddNoteAsync(HttpContext context, CaseRecordStore store, string id, [FromForm] string? text)
    {
        if (await store.FindAsync(id) is null)
        {
            return Page(context, "Not found", $"""<h1>No case record {E(id)}</h1>""", 404);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 20_000)
        {
            return Page(context, "Add a case note", """<p id="note-error">A note needs between 1 and 20000 characters.</p>""", 400);
        }

        await store.AddNoteAsync(id, text.Replace("\r\n", "\n", StringComparison.Ordinal), context.User.Identity?.Name ?? "unknown");
        return Results.Redirect($"/people/{Uri.EscapeDataString(id)}?saved=1");
    }

    // The redesigned layout renames the fields, as a supplier's upgrade would, so a connector's layout check can be seen to work.
    private static IResult NewPersonPage(HttpContext context, LegacyQuirks quirks, string? error, int status = 200)
    {
        var p = quirks.Redesigned ? "person-" : "new-";
        var save = quirks.Redesigned ? "create-person" : "save-person";
        return Page(
            context,
            "Add a new person",
            $"""
            <h1>Add a new person</h1>
            {(error is null ? "" : $"<p id=\"person-error\" style=\"color:red\">{E(error)}</p>")}
            <form id="person-form" method="post" action="/people">
              {Token(context)}
              <p><label for="{p}given-name">Given name</label> <input id="{p}given-name" name="givenName"></p>
              <p><label for="{p}surname">Surname</label> <input id="{p}surname" name="surname"></p>
              <p><label for="{p}date-of-birth">Date of birth</label> <input id="{p}date-of-birth" name="dateOfBirth" placeholder="YYYY-MM-DD"></p>
              <p><label for="{p}address">Address</label> <input id="{p}address" name="address" size="60"></p>
              <p><label for="{p}postcode">Postcode</label> <input id="{p}postcode" name="postcode" size="10"></p>
              <p><label for="{p}source-reference">Source reference</label> <input id="{p}source-reference" name="sourceReference" size="60"></p>
              <p><button id="{save}" type="submit">Save person</button> <a href="/people">Cancel</a></p>
            </form>
            """,
            status);
    }

    private static async Task<IResult> AddPersonAsync(
        HttpContext context, CaseRecordStore store, LegacyQuirks quirks,
        [FromForm] string? givenName, [FromForm] string? surname, [FromForm] string? dateOfBirth,
        [FromForm] string? address, [FromForm] string? postcode, [FromForm] string? sourceReference)
    {
        // Like the real system: a name and a real date of birth are required, the rest may follow later.
        if (string.IsNullOrWhiteSpace(givenName) || string.IsNullOrWhiteSpace(surname)
            || !DateOnly.TryParseExact(dateOfBirth?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return NewPersonPage(context, quirks, "Given name, surname and a date of birth (YYYY-MM-DD) are required.", 400);
        }

        var id = await store.AddPersonAsync(new PersonRecord
        {
            GivenName = givenName.Trim(),
            Surname = surname.Trim(),
            DateOfBirth = dateOfBirth!.Trim(),
            Address = address?.Trim() ?? "",
            Postcode = postcode?.Trim().ToUpperInvariant() ?? "",
            SourceReference = sourceReference?.Trim() ?? "",
        });
        if (quirks.TakeFailAfterPersonSave())
        {
            return Page(context, "Server error", "<h1>Server Error in '/' Application.</h1><p>Runtime Error.</p>", 500);
        }

        return Results.Redirect($"/people/{Uri.EscapeDataString(id)}?created=1");
    }

    private static bool Same(string? given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given ?? ""), Encoding.UTF8.GetBytes(expected));
}
