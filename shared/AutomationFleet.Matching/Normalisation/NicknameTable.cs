namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// Groups of given names that stand for one another (Bill ↔ William, Peggy ↔ Margaret). The default table is the
/// embedded <c>Resources/nicknames.csv</c>: one group per line, formal name first.
/// </summary>
public sealed class NicknameTable
{
    private readonly Dictionary<string, int[]> _groups;

    private NicknameTable(Dictionary<string, int[]> groups)
    {
        _groups = groups;
    }

    /// <summary>The table shipped with the library.</summary>
    public static NicknameTable Default { get; } = LoadDefault();

    /// <summary>Reads a table from lines of comma-separated names; lines starting with # are comments.</summary>
    public static NicknameTable Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var groupId = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            groupId++;
            foreach (var name in line.Split(',').Select(NameNormaliser.GivenName).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (!groups.TryGetValue(name, out var list))
                {
                    groups[name] = list = [];
                }

                list.Add(groupId);
            }
        }

        return new NicknameTable(groups.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>The groups a normalised given name belongs to (empty when it is in none).</summary>
    public int[] GroupsOf(string normalisedGivenName) => _groups.GetValueOrDefault(normalisedGivenName) ?? [];

    /// <summary>True when the two normalised given names share a group.</summary>
    public bool AreAlternatives(string a, string b) => ShareGroup(GroupsOf(a), GroupsOf(b));

    /// <summary>True when two group lists (from <see cref="GroupsOf"/>) intersect; allocation-free for the comparison loop.</summary>
    public static bool ShareGroup(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static NicknameTable LoadDefault()
    {
        using var stream = typeof(NicknameTable).Assembly.GetManifestResourceStream("AutomationFleet.Matching.nicknames.csv")
            ?? throw new InvalidOperationException("the embedded nickname table is missing from the assembly");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line.Trim());
        }

        return Parse(lines);
    }
}
