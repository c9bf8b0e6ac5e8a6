using AutomationFleet.Core.Files;

namespace AutomationFleet.Core.Delivery;

/// <summary>
/// Puts a file in place once: written to a temporary file beside it, flushed to disk, then moved to its name without
/// overwriting. A folder watcher never sees half a file, and a redo (the file already there) writes nothing, which is
/// what makes a delivery step that writes files named by the item's reference safe to repeat. The file is made 0600
/// (<see cref="OwnerOnly"/>): letters carry people's names and addresses.
/// </summary>
public static class WriteOnceFile
{
    /// <summary>Writes <paramref name="target"/> unless it exists; true when this call put it in place, false when it was already there.</summary>
    public static async Task<bool> WriteAsync(string target, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(write);
        if (File.Exists(target))
        {
            return false;
        }

        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, OwnerOnly.NewFile(FileMode.CreateNew, FileOptions.Asynchronous)))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another attempt put it there first, by the same name: that file stands.
                return false;
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
