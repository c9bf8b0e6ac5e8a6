namespace AutomationFleet.Portal;

/// <summary>
/// New passwords are refused when they are in a list of commonly breached ones (section <c>Portal:Passwords</c>).
/// Unset <see cref="BreachedListPath"/>: the NCSC's 100,000 most used passwords shipped with the portal
/// (<c>config/passwords/</c>).
/// </summary>
public sealed class PortalPasswordOptions
{
    public const string SectionName = "Passwords";

    /// <summary>A fuller offline corpus to check against instead of the shipped list.</summary>
    public string? BreachedListPath { get; set; }

    /// <summary>
    /// How <see cref="BreachedListPath"/> is written: <see cref="BreachedListFormat.Plain"/> (one password a line) or
    /// <see cref="BreachedListFormat.Sha1"/> (Have I Been Pwned's offline download: upper-case SHA-1 hex, sorted, each
    /// line <c>HASH:COUNT</c>; searched on disk, never loaded). Default plain.
    /// </summary>
    public BreachedListFormat BreachedListFormat { get; set; } = BreachedListFormat.Plain;
}

/// <summary>The file format of a breached-password list.</summary>
public enum BreachedListFormat
{
    /// <summary>One password a line.</summary>
    Plain = 0,

    /// <summary>Sorted upper-case SHA-1 hex hashes, one a line, optionally followed by <c>:COUNT</c> (HIBP's offline format).</summary>
    Sha1 = 1,
}
