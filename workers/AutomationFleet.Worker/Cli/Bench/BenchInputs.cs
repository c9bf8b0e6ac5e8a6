namespace AutomationFleet.Worker.Cli.Bench;

/// <summary>
/// Finds the benchmark's inputs by walking up from the working directory, then from the executable's folder:
/// the real scans in <c>shared/data/ocr</c> (the data folder beside the repository), the sample letters' scans in
/// <c>samples/letters</c>, and the bot's shipped training data and taxonomy in <c>config/</c>.
/// </summary>
public static class BenchInputs
{
    /// <summary>The first existing <paramref name="relative"/> path (file or folder) in the working directory, the executable's folder or any parent.</summary>
    public static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A configured path as the host would resolve it (relative to the working directory) when it exists there,
    /// else the same relative path found by <see cref="FindUp"/>, else null.
    /// </summary>
    public static string? Resolve(string configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var full = Path.GetFullPath(configured);
        if (File.Exists(full))
        {
            return full;
        }

        return Path.IsPathRooted(configured) ? null : FindUp(configured);
    }

    /// <summary>Scan files (by extension) directly in <paramref name="directory"/>, in name order.</summary>
    public static IReadOnlyList<string> ScansIn(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => InboundPostBenchmarkSettings.Extensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The default pages: the scans in <c>shared/data/ocr</c> and in <c>samples/letters</c>.</summary>
    public static IReadOnlyList<string> DefaultPages()
    {
        var pages = new List<string>();
        foreach (var folder in new[] { Path.Combine("shared", "data", "ocr"), Path.Combine("samples", "letters") })
        {
            if (FindUp(folder) is { } found && Directory.Exists(found))
            {
                pages.AddRange(ScansIn(found));
            }
        }

        return pages;
    }
}
