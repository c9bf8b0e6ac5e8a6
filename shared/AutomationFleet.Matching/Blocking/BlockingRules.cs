using System.Globalization;
using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Blocking;

/// <summary>
/// The union of blocking rules: two people are compared when any rule gives them the same key. Each rule is cheap and
/// catches the pairs another misses (a surname typo still shares the date of birth; a moved person still shares names).
/// </summary>
public static class BlockingRules
{
    /// <summary>Rule name and key function (null key: the rule does not apply to this person).</summary>
    public static IReadOnlyList<(string Name, Func<NormalisedPerson, string?> Key)> Default { get; } =
    [
        ("surname soundex + birth year", p => p.SurnameSoundex.Length == 0 || p.DateOfBirth.Year == 0 ? null : p.SurnameSoundex + p.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture)),
        ("postcode", p => p.Postcode.Full.Length == 0 ? null : p.Postcode.Full),
        ("date of birth", p => p.DateOfBirth.IsComplete ? p.DateOfBirth.Digits.ToString(CultureInfo.InvariantCulture) : null),
        ("nhs number", p => p.NhsNumber.Length == 0 ? null : p.NhsNumber),
        ("phone", p => p.Phone.Length == 0 ? null : p.Phone),
        ("email", p => p.Email.Length == 0 ? null : p.Email),
        ("given initial + surname prefix", p => p.GivenName.Length == 0 || p.Surname.Length < 3 ? null : p.GivenName[0] + p.Surname[..3]),
        ("given soundex + surname soundex", p => p.GivenNameSoundex.Length == 0 || p.SurnameSoundex.Length == 0 ? null : p.GivenNameSoundex + p.SurnameSoundex),
    ];

    /// <summary>Every pair (i &lt; j) of <paramref name="people"/> that shares a key; blocks larger than <paramref name="maxBlock"/> are skipped.</summary>
    public static List<(int Left, int Right)> DedupePairs(IReadOnlyList<NormalisedPerson> people, int maxBlock = 1000)
    {
        ArgumentNullException.ThrowIfNull(people);
        var pairs = new HashSet<long>();
        for (var r = 0; r < Default.Count; r++)
        {
            var blocks = Blocks(people, Default[r].Key);
            foreach (var block in blocks.Values.Where(b => b.Count > 1 && b.Count <= maxBlock))
            {
                for (var a = 0; a < block.Count; a++)
                {
                    for (var b = a + 1; b < block.Count; b++)
                    {
                        pairs.Add(((long)block[a] << 32) | (uint)block[b]);
                    }
                }
            }
        }

        return pairs.Select(p => ((int)(p >> 32), (int)(p & 0xFFFFFFFF))).ToList();
    }

    /// <summary>Every pair (left i, right j) that shares a key; right-hand blocks larger than <paramref name="maxBlock"/> are skipped.</summary>
    public static List<(int Left, int Right)> LinkPairs(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, int maxBlock = 1000)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var pairs = new HashSet<long>();
        for (var r = 0; r < Default.Count; r++)
        {
            var key = Default[r].Key;
            var blocks = Blocks(right, key);
            for (var i = 0; i < left.Count; i++)
            {
                if (key(left[i]) is { } k && blocks.TryGetValue(k, out var block) && block.Count <= maxBlock)
                {
                    foreach (var j in block)
                    {
                        pairs.Add(((long)i << 32) | (uint)j);
                    }
                }
            }
        }

        return pairs.Select(p => ((int)(p >> 32), (int)(p & 0xFFFFFFFF))).ToList();
    }

    /// <summary>The indexes of <paramref name="people"/> by one rule's key (people without a key are in no block).</summary>
    public static Dictionary<string, List<int>> Blocks(IReadOnlyList<NormalisedPerson> people, Func<NormalisedPerson, string?> key)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(key);
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            if (key(people[i]) is { } k)
            {
                if (!blocks.TryGetValue(k, out var list))
                {
                    blocks[k] = list = [];
                }

                list.Add(i);
            }
        }

        return blocks;
    }
}
