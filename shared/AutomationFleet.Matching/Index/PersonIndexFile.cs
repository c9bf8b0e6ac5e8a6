using System.Security.Cryptography;
using System.Text.Json;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Index;

/// <summary>
/// Keeps a <see cref="PersonIndex"/> in one file (<c>{folder}/index.json</c>: the records, the fitted model and the
/// extract's hash), written atomically, so a restart loads it and does not refit it; and builds one from an extract.
/// </summary>
public static class PersonIndexFile
{
    /// <summary>The file name inside the index folder.</summary>
    public const string FileName = "index.json";

    // 2: the comparison set changed (location, other_id, date and e-mail levels); a format-1 index is rebuilt.
    private const int Format = 2;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the extract (CSV, with an optional column mapping) and builds its index.</summary>
    public static PersonIndex BuildFromExtract(string extractPath, ColumnMapping? mapping = null)
    {
        var file = new PersonRecordReader().Read(extractPath, mapping);
        return PersonIndex.Build(file.Records, SourceOf(extractPath, DateTimeOffset.UtcNow));
    }

    /// <summary>
    /// The extract's identity now (size and SHA-256), to compare with an index's <see cref="PersonIndex.Source"/>. With
    /// a column mapping, the mapping's hash is part of it: a changed mapping reads the same extract differently.
    /// </summary>
    public static PersonIndexSource SourceOf(string extractPath, DateTimeOffset at, string? mappingPath = null)
    {
        using var stream = File.OpenRead(extractPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (mappingPath is not null)
        {
            hash += "+" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(mappingPath)));
        }

        return new PersonIndexSource(Path.GetFullPath(extractPath), stream.Length, hash, at);
    }

    /// <summary>Writes the index into <paramref name="folder"/> (created if missing); a crash mid-write leaves the old file.</summary>
    public static void Save(PersonIndex index, string folder)
    {
        ArgumentNullException.ThrowIfNull(index);
        Directory.CreateDirectory(folder);
        var kept = new KeptIndex(Format, index.Source, index.FittedBy, index.Model.M, index.Model.U, index.Model.Lambda,
            index.Model.Iterations, index.Model.Converged, index.Records);
        AtomicFile.Write(Path.Combine(folder, FileName), stream => JsonSerializer.Serialize(stream, kept, JsonOptions));
    }

    /// <summary>The index kept in <paramref name="folder"/>, or null when there is none; throws <see cref="InvalidDataException"/> for a damaged file.</summary>
    public static PersonIndex? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        KeptIndex? kept;
        try
        {
            using var stream = File.OpenRead(path);
            kept = JsonSerializer.Deserialize<KeptIndex>(stream, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The person index {path} is damaged ({exception.Message}); delete it to rebuild from the extract.", exception);
        }

        if (kept is null || kept.Format != Format || kept.Records is null || kept.M is null || kept.U is null || kept.Source is null)
        {
            throw new InvalidDataException($"The person index {path} is not format {Format}; delete it to rebuild from the extract.");
        }

        var levels = ComparisonSet.Default.Comparisons.Select(c => c.Levels.Count).ToArray();
        if (!kept.M.Select(m => m.Length).SequenceEqual(levels) || !kept.U.Select(u => u.Length).SequenceEqual(levels))
        {
            throw new InvalidDataException($"The person index {path} was fitted for other comparisons; delete it to rebuild from the extract.");
        }

        return PersonIndex.Restore(kept.Records, new MatchModel(kept.M, kept.U, kept.Lambda, kept.Iterations, kept.Converged), kept.FittedBy, kept.Source);
    }

    private sealed record KeptIndex(
        int Format,
        PersonIndexSource Source,
        string FittedBy,
        double[][] M,
        double[][] U,
        double Lambda,
        int Iterations,
        bool Converged,
        IReadOnlyList<PersonRecord> Records);
}
