namespace AutomationFleet.Portal.Intake;

/// <summary>
/// The intake endpoint's sources, bound from <c>Intake</c>: each system that may post items (a council's online form)
/// has a name, the one queue it may post to, and the SHA-256 of its API key. Only the hash is kept, so the
/// configuration can live in git; <c>fleet intake new-key</c> makes a key and prints its hash.
/// </summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>Largest request body accepted, in bytes. Default 64 KB: a form is a few kilobytes.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The sources allowed to post; none by default (the endpoint then refuses every request).</summary>
    public List<IntakeSource> Sources { get; init; } = [];
}

/// <summary>One system allowed to post to the intake endpoint.</summary>
public sealed class IntakeSource
{
    /// <summary>The source's name, recorded on its items (<c>intake:{name}</c>); lower-case letters, digits and hyphens.</summary>
    public string Name { get; set; } = "";

    /// <summary>The queue its posts go to.</summary>
    public string Queue { get; set; } = "";

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the key.</summary>
    public string KeyHash { get; set; } = "";
}
