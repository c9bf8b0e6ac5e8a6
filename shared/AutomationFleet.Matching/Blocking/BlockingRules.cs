using System.Globalization;
using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Blocking;

/// <summary>
/// The union of blocking rules: two people are compared when any rule gives them the same key. Each rule is cheap and
/// catches the pairs another misses (a surname typo still shares the date of birth; a moved person still shares names).
/// </summary>
public static class BlockingRules
{
    /// <summary>The rules; each names the comparisons its key fixes (left out of the EM session blocked on it).</summary>
    public static IReadOnlyList<BlockingRule> Default { get; } =
    [
        new("surname soundex + birth year", p => p.SurnameSoundex.Length == 0 || p.DateOfBirth.Year == 0 ? null : p.SurnameSoundex + p.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture), ["surname", "date_of_birth"]),
        new("postcode", p => p.Postcode.Full.Length == 0 ? null : p.Postcode.Full, ["location"]),
        new("date of birth", p => p.DateOfBirth.IsComplete ? p.DateOfBirth.Digits.ToString(CultureInfo.InvariantCulture) : null, ["date_of_birth"]),
        new("nhs number", p => p.NhsNumber.Length == 0 ? null : p.NhsNumber, ["nhs_number"]),
        new("phone", p => p.Phone.Length == 0 ? null : p.Phone, ["phone"]),
        new("email user name", p => p.Email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? p.Email[..at] : null, ["email"]),
        new("other id", p => p.OtherId.Length == 0 ? null : p.OtherId, ["other_id"]),
        new("given initial + surname prefix", p => p.GivenName.Length == 0 || p.Surname.Length < 3 ? null : p.GivenName[0] + p.Surname[..3], ["given_name", "surname"]),
        new("given soundex + birth year", p => p.GivenNameSoundex.Length == 0 || p.DateOfBirth.Year == 0 ? null : p.GivenNameSoundex + p.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture), ["given_name", "date_of_birth"]),
        // The year is the part of a date most often mistyped (1996 for 1997, 2018 for 2008): day and month still agree.
        new("surname soundex + birth day and month", p => p.SurnameSoundex.Length == 0 || p.DateOfBirth.Month == 0 || p.DateOfBirth.Day == 0 ? null
            : p.SurnameSoundex + DayAndMonth(p.DateOfBirth), ["surname", "date_of_birth"]),
        new("given soundex + birth day and month", p => p.GivenNameSoundex.Length == 0 || p.DateOfBirth.Month == 0 || p.DateOfBirth.Day == 0 ? null
            : p.GivenNameSoundex + DayAndMonth(p.DateOfBirth), ["given_name", "date_of_birth"]),
        // In either order: a given name and surname written the wrong way round is a common slip on forms.
        new("given and surname soundex, either order", p => p.GivenNameSoundex.Length == 0 || p.SurnameSoundex.Length == 0 ? null
            : string.CompareOrdinal(p.GivenNameSoundex, p.SurnameSoundex) <= 0 ? p.GivenNameSoundex + p.SurnameSoundex : p.SurnameSoundex + p.GivenNameSoundex, ["given_name", "surname"]),
    ];

    private static string DayAndMonth(BirthDate date) => string.Create(CultureInfo.InvariantCulture, $"-{date.Month:00}{date.Day:00}");

    /// <summary>
    /// Every pair (i &lt; j) of <paramref name="people"/> that shares a key; blocks larger than <paramref name="maxBlock"/>
    /// are skipped. When there are no more than <paramref name="compareAllUpTo"/> pairs in all, every pair.
    /// </summary>
    public static List<(int Left, int Right)> DedupePairs(IReadOnlyList<NormalisedPerson> people, int maxBlock = 1000, long compareAllUpTo = 0)
    {
        ArgumentNullException.ThrowIfNull(people);
        return (long)people.Count * (people.Count - 1) / 2 <= compareAllUpTo ? AllPairs(people.Count, null) : Union(people, null, maxBlock);
    }

    /// <summary>
    /// Every pair (left i, right j) that shares a key; right-hand blocks larger than <paramref name="maxBlock"/> are
    /// skipped. When there are no more than <paramref name="compareAllUpTo"/> pairs in all, every pair.
    /// </summary>
    public static List<(int Left, int Right)> LinkPairs(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, int maxBlock = 1000, long compareAllUpTo = 0)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return (long)left.Count * right.Count <= compareAllUpTo ? AllPairs(left.Count, right.Count) : Union(left, right, maxBlock);
    }

    private static List<(int Left, int Right)> AllPairs(int left, int? right)
    {
        var pairs = new List<(int Left, int Right)>();
        for (var i = 0; i < left; i++)
        {
            for (var j = right is null ? i + 1 : 0; j < (right ?? left); j++)
            {
                pairs.Add((i, j));
            }
        }

        return pairs;
    }

    /// <summary>
    /// The pairs one rule blocks: within <paramref name="left"/> (i &lt; j) when <paramref name="right"/> is null, else
    /// across the two; blocks larger than <paramref name="maxBlock"/> are skipped.
    /// </summary>
    public static IEnumerable<(int Left, int Right)> PairsOf(BlockingRule rule, IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, int maxBlock = 1000)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(left);
        return PairsIn(Blocks(right ?? left, rule.Key, maxBlock), rule, left, right);
    }

    /// <summary>
    /// The pairs of <see cref="PairsOf"/> thinned evenly to at most <paramref name="maxPairs"/>: of n pairs, the
    /// (i·n/<paramref name="maxPairs"/>)-th for each i, the same pairs as thinning the full list, but without holding
    /// all n (one rule over a million records blocks tens of millions of pairs).
    /// </summary>
    public static List<(int Left, int Right)> EvenSampleOf(BlockingRule rule, IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, int maxBlock, int maxPairs)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPairs);
        var blocks = Blocks(right ?? left, rule.Key, maxBlock);
        long count = 0;
        foreach (var _ in PairsIn(blocks, rule, left, right))
        {
            count++;
        }

        if (count <= maxPairs)
        {
            var all = new List<(int Left, int Right)>((int)count);
            all.AddRange(PairsIn(blocks, rule, left, right));
            return all;
        }

        var step = count / (double)maxPairs;
        var sample = new List<(int Left, int Right)>(maxPairs);
        long at = 0;
        long next = 0;
        foreach (var pair in PairsIn(blocks, rule, left, right))
        {
            if (at++ != next)
            {
                continue;
            }

            sample.Add(pair);
            if (sample.Count == maxPairs)
            {
                break;
            }

            // step > 1, so the next index is always ahead of this one.
            next = (long)(sample.Count * step);
        }

        return sample;
    }

    // The blocks are built without those over maxBlock, so every block here is used.
    private static IEnumerable<(int Left, int Right)> PairsIn(BlockTable blocks, BlockingRule rule, IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right)
    {
        if (right is null)
        {
            for (var n = 0; n < blocks.Count; n++)
            {
                var block = blocks.Block(n);
                for (var a = 0; a < block.Length; a++)
                {
                    for (var b = a + 1; b < block.Length; b++)
                    {
                        yield return (block.Span[a], block.Span[b]);
                    }
                }
            }

            yield break;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (rule.Key(left[i]) is { } k && blocks.Find(k) is { Length: > 0 } block)
            {
                for (var j = 0; j < block.Length; j++)
                {
                    yield return (i, block.Span[j]);
                }
            }
        }
    }

    private static List<(int Left, int Right)> Union(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, int maxBlock)
    {
        ArgumentNullException.ThrowIfNull(left);
        var pairs = new HashSet<long>();
        foreach (var rule in Default)
        {
            foreach (var (a, b) in PairsOf(rule, left, right, maxBlock))
            {
                pairs.Add(((long)a << 32) | (uint)b);
            }
        }

        return pairs.Select(p => ((int)(p >> 32), (int)(p & 0xFFFFFFFF))).ToList();
    }

    /// <summary>
    /// The indexes of <paramref name="people"/> by one rule's key (people without a key are in no block); blocks larger
    /// than <paramref name="maxBlock"/> are left out.
    /// </summary>
    public static BlockTable Blocks(IReadOnlyList<NormalisedPerson> people, Func<NormalisedPerson, string?> key, int maxBlock = int.MaxValue) =>
        BlockTable.Build(people, key, maxBlock);
}

/// <summary>
/// One blocking rule: its name, its key (null: the rule does not apply to this person), and the comparisons the key
/// fixes, i.e. those on which every pair it blocks agrees or nearly agrees.
/// </summary>
public sealed record BlockingRule(string Name, Func<NormalisedPerson, string?> Key, IReadOnlyList<string> Fixes);

