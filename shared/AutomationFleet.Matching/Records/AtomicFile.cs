namespace AutomationFleet.Matching.Records;

/// <summary>Writes a file through a temporary file in the same folder and a rename, so a reader never sees half of it.</summary>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> on a temp file, then moves it over <paramref name="path"/>; on any exception the temp file is deleted and <paramref name="path"/> is untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
