namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>The sign-in page: where it is and its fields (CSS or Playwright selectors).</summary>
public sealed class SignInPageOptions
{
    /// <summary>Path of the page; landing on it anywhere else in the flow means the session is over.</summary>
    public string Path { get; set; } = "/sign-in";

    /// <summary>The user name field.</summary>
    public string Username { get; set; } = "";

    /// <summary>The password field.</summary>
    public string Password { get; set; } = "";

    /// <summary>The button that signs in.</summary>
    public string Submit { get; set; } = "";
}
