namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// A 64-bit FNV-1a hash of text that is the same in every process (string.GetHashCode is not), so hashed keys can be
/// written to an index file and read back.
/// </summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static ulong Of(string text) => Of(Offset, text);

    /// <summary>Continues a hash with more text (combine key parts without concatenating strings).</summary>
    public static ulong Of(ulong seed, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0x1F) * Prime;
    }

    /// <summary>Continues a hash with a number.</summary>
    public static ulong Of(ulong seed, long value) => ((seed ^ (ulong)value) * Prime ^ 0x2F) * Prime;

    /// <summary>The starting value for <see cref="Of(ulong, string)"/>.</summary>
    public static ulong Start => Offset;
}
