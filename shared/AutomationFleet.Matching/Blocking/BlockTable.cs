using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Blocking;

/// <summary>
/// The people of one blocking rule grouped by key, in three flat arrays: the keys' 64-bit hashes (sorted, for binary
/// search), where each block starts, and the members of every block one after another (ascending within a block).
/// A million people take at most 16 MB per rule; a <c>Dictionary&lt;string, int[]&gt;</c> held a key string, an array
/// and an entry per block (about 100 bytes, 400+ MB over the rules), which put the 1M-person index over 2 GB.
/// Two keys with the same hash (about one chance in 10^7 for a million keys) share a block: that only adds candidates,
/// which the scorer then ranks as it ranks any other.
/// </summary>
public sealed class BlockTable
{
    private readonly ulong[] _keys;
    private readonly int[] _starts;
    private readonly int[] _members;

    private BlockTable(ulong[] keys, int[] starts, int[] members)
    {
        _keys = keys;
        _starts = starts;
        _members = members;
    }

    /// <summary>How many blocks.</summary>
    public int Count => _keys.Length;

    /// <summary>
    /// Groups <paramref name="people"/> by <paramref name="key"/> (a person whose key is null is in no block); blocks
    /// larger than <paramref name="maxBlock"/> are left out.
    /// </summary>
    public static BlockTable Build(IReadOnlyList<NormalisedPerson> people, Func<NormalisedPerson, string?> key, int maxBlock = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(key);
        var hashes = new ulong[people.Count];
        var members = new int[people.Count];
        var n = 0;
        for (var i = 0; i < people.Count; i++)
        {
            if (key(people[i]) is { } k)
            {
                hashes[n] = StableHash.Of(k);
                members[n++] = i;
            }
        }

        // Array.Sort is not stable: each block's members are put back in file order after.
        Array.Sort(hashes, members, 0, n);
        var keys = new List<ulong>();
        var starts = new List<int>();
        var kept = 0;
        for (var from = 0; from < n;)
        {
            var to = from + 1;
            while (to < n && hashes[to] == hashes[from])
            {
                to++;
            }

            if (to - from <= maxBlock)
            {
                keys.Add(hashes[from]);
                starts.Add(kept);
                Array.Copy(members, from, members, kept, to - from);
                Array.Sort(members, kept, to - from);
                kept += to - from;
            }

            from = to;
        }

        starts.Add(kept);
        return new BlockTable([.. keys], [.. starts], members[..kept]);
    }

    /// <summary>The members of block <paramref name="block"/> (0 ≤ block &lt; <see cref="Count"/>), ascending.</summary>
    public ReadOnlyMemory<int> Block(int block) => _members.AsMemory(_starts[block], _starts[block + 1] - _starts[block]);

    /// <summary>The members of the block of <paramref name="key"/>; empty when there is none (or it was too large).</summary>
    public ReadOnlyMemory<int> Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = Array.BinarySearch(_keys, StableHash.Of(key));
        return at < 0 ? ReadOnlyMemory<int>.Empty : Block(at);
    }
}
