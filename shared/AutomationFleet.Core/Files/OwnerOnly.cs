namespace AutomationFleet.Core.Files;

/// <summary>
/// Folders and files the fleet keeps (the store, its blobs, logs, letters, models) made readable by the fleet's own
/// account only: folders 0700, files 0600 on Unix. The sandbox child runs as another user (<c>nobody</c>) and must not
/// read the store, and the process umask (often 022) would leave everything world-readable. A folder that already
/// exists with wider modes is narrowed, so an older install is closed at its next start, unless it is a shared folder
/// with the sticky bit (<c>/tmp</c>, <c>/var/tmp</c>): narrowing one of those would lock every other account out of it,
/// so a file put straight into one is protected by its own 0600 mode alone. On Windows, files inherit the folder's ACL
/// and nothing is changed here.
/// </summary>
public static class OwnerOnly
{
    /// <summary>rwx for the owner only (0700).</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupAndOther = (UnixFileMode)0b000_111_111;

    /// <summary>
    /// Makes <paramref name="path"/> (and any missing parent) with mode 0700, or narrows it to 0700 if it exists and
    /// group or others have any access, unless it has the sticky bit (a shared temporary folder, left as it is).
    /// Parents that already exist are left as they are.
    /// </summary>
    public static DirectoryInfo CreateFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var folder = Directory.CreateDirectory(path, FolderMode);
        if ((folder.UnixFileMode & GroupAndOther) != 0 && (folder.UnixFileMode & UnixFileMode.StickyBit) == 0)
        {
            File.SetUnixFileMode(folder.FullName, FolderMode);
            folder.Refresh();
        }

        return folder;
    }

    /// <summary>Narrows an existing file to 0600 if group or others have any access; a missing file is left missing.</summary>
    public static void NarrowFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        if ((File.GetUnixFileMode(path) & GroupAndOther) != 0)
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Options for a new file created 0600 (<see cref="FileStreamOptions.UnixCreateMode"/>) for writing.</summary>
    public static FileStreamOptions NewFile(System.IO.FileMode mode = System.IO.FileMode.CreateNew, FileOptions options = FileOptions.None)
    {
        var file = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 81920,
            Options = options,
        };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = FileMode;
        }

        return file;
    }
}
