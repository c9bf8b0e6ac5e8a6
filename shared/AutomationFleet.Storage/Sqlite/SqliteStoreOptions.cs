using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Storage.Sqlite;

/// <summary>Where the embedded store keeps its database and blobs. Bound from the <c>Store</c> section.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Store";

    /// <summary>
    /// The database file. A relative path is resolved against the process's current directory.
    /// Default <c>var/fleet.db</c>. Several processes on one machine may open the same file.
    /// </summary>
    [Required]
    public string Path { get; set; } = "var/fleet.db";

    /// <summary>Folder of the content-addressed blob store; default (null) is a <c>blobs</c> folder next to the database file.</summary>
    public string? BlobDirectory { get; set; }

    /// <summary>Durability of each commit; default <see cref="SqliteSynchronousMode.Normal"/> (see the project README).</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>How long a write waits for another process's write lock before failing. Default 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The database file as a full path.</summary>
    public string FullPath => System.IO.Path.GetFullPath(Path);

    /// <summary>The blob folder as a full path: <see cref="BlobDirectory"/>, or <c>blobs</c> next to the database file.</summary>
    public string FullBlobDirectory =>
        string.IsNullOrWhiteSpace(BlobDirectory)
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(FullPath) ?? ".", "blobs")
            : System.IO.Path.GetFullPath(BlobDirectory);
}
