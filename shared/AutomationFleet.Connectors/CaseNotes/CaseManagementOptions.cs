namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// Where the council's case-management system is and how its pages look (section <c>CaseManagement</c>). The
/// selectors for the sample app are in <c>config/case-management.json</c>; a council replaces them with its own.
/// Credentials are never here: see <see cref="CaseManagementCredentials"/>.
/// </summary>
public sealed class CaseManagementOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CaseManagement";

    /// <summary>Nothing is launched or signed in to until true; then <see cref="BaseUrl"/> and credentials are required.</summary>
    public bool Enabled { get; set; }

    /// <summary>The system's address, e.g. <c>http://127.0.0.1:5090</c>; page paths are relative to it.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>A file holding the user name (a mounted secret); else <c>FLEET_CASE_MANAGEMENT_USER</c>.</summary>
    public string? UsernameFile { get; set; }

    /// <summary>A file holding the password (a mounted secret); else <c>FLEET_CASE_MANAGEMENT_PASSWORD</c>.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>The browser: Debian's Chromium by default (Playwright cannot download its own here).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Longest wait for a page to load (a slow legacy page); longer counts as a transient fault. Default 30 s.</summary>
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one fill or click. Default 10 s.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Record a Playwright trace of every note, kept only when the note fails. Default true.</summary>
    public bool CaptureTrace { get; set; } = true;

    /// <summary>The line every note ends with, carrying the item's reference; must contain <c>{Reference}</c>.</summary>
    public string ReferenceLine { get; set; } = "Ref: {Reference}";

    /// <summary>Longest note text the system takes, reference line included. Default 4000.</summary>
    public int MaxNoteLength { get; set; } = 4000;

    /// <summary>The sign-in page.</summary>
    public SignInPageOptions SignIn { get; set; } = new();

    /// <summary>The person search page.</summary>
    public SearchPageOptions Search { get; set; } = new();

    /// <summary>A person's record with their notes.</summary>
    public PersonPageOptions Person { get; set; } = new();

    /// <summary>The add-note form.</summary>
    public NoteFormPageOptions NoteForm { get; set; } = new();

    /// <summary>The new-person form; needed only when a bot creates people (<c>ContactForms:NewPerson</c> is <c>Create</c>).</summary>
    public NewPersonPageOptions NewPerson { get; set; } = new();
}
