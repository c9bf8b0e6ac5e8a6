using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Worker.Inbox;

/// <summary>The watched inbox folder. Bound from the <c>Inbox</c> section.</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Inbox";

    /// <summary>Further watched folders, one named section each under <c>Inboxes</c> (e.g. <c>Inboxes:contact-forms</c>), each feeding its own queue.</summary>
    public const string MoreSectionName = "Inboxes";

    /// <summary>The configuration path of the folder named <paramref name="name"/> (the unnamed one is <c>Inbox</c>).</summary>
    public static string SectionOf(string? name) =>
        string.IsNullOrEmpty(name) ? SectionName : $"{MoreSectionName}:{name}";

    /// <summary>
    /// The start of each item's reference, <c>{prefix}:{sha256}</c>: <c>inbox</c> for the unnamed folder,
    /// <c>inbox-{name}</c> for a named one, so one file dropped in two folders makes an item on each queue.
    /// </summary>
    public string ReferencePrefix { get; set; } = "inbox";

    /// <summary>Whether the folder is watched at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder scanners and mail rules drop files into. Default <c>var/inbox</c>.</summary>
    [Required]
    public string Path { get; set; } = "var/inbox";

    /// <summary>The queue each accepted file becomes an item on. Default <c>inbound-post</c>.</summary>
    [Required]
    public string Queue { get; set; } = "inbound-post";

    /// <summary>Where refused files go, each with a <c>.reason.txt</c> beside it. Default <c>var/quarantine</c>.</summary>
    [Required]
    public string QuarantinePath { get; set; } = "var/quarantine";

    /// <summary>
    /// Where a file is moved once its item is durably enqueued (kept, not deleted, so an operator can
    /// check or re-drop it; prune it on your retention schedule). Default <c>var/inbox-processed</c>.
    /// </summary>
    [Required]
    public string ProcessedPath { get; set; } = "var/inbox-processed";

    /// <summary>Largest file accepted, in bytes. Default 50 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How often the folder is scanned; a file is taken once its size and time are unchanged across two scans. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Extensions accepted (with the dot, any case). Others are quarantined.</summary>
    public List<string> AllowedExtensions { get; init; } = [];

    /// <summary>The default extensions, used when <see cref="AllowedExtensions"/> is left empty.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".eml", ".txt"];

    internal IReadOnlyList<string> EffectiveExtensions => AllowedExtensions.Count == 0 ? DefaultExtensions : AllowedExtensions;
}
