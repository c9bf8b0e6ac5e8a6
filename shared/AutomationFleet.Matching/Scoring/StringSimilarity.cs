using System.Numerics;
using System.Text;

namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Jaro–Winkler similarity and bounded Levenshtein distance on spans, without heap allocation for names of ordinary
/// length (scratch space is on the stack up to 64 characters).
/// </summary>
public static class StringSimilarity
{
    private const int StackLimit = 64;
    private const int MaskBits = 64;

    /// <summary>Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (a.SequenceEqual(b))
        {
            return 1;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var (matches, transpositions) = a.Length <= MaskBits && b.Length <= MaskBits && Ascii.IsValid(b)
            ? MatchesByBitMask(a, b, window)
            : MatchesByScan(a, b, window);
        if (matches == 0)
        {
            return 0;
        }

        var m = (double)matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    // The Jaro matching step, done with bit masks: for each character of a, the first unmatched equal character of b
    // within the window is the lowest set bit of (b's positions of that character) & ~matched & window. The same greedy
    // choice as MatchesByScan, so the same counts. A million location comparisons of random pairs (Jaro–Winkler of whole
    // address lines) took 3.0 s with the scan and 0.5 s with this; u from random pairs had spent most of its time there.
    // No library offers a span-based, allocation-free Jaro–Winkler.
    internal static (int Matches, int Transpositions) MatchesByBitMask(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int window)
    {
        Span<ulong> positions = stackalloc ulong[128];
        for (var j = 0; j < b.Length; j++)
        {
            positions[b[j]] |= 1UL << j;
        }

        ulong aMatched = 0;
        ulong bMatched = 0;
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            if (from > to || a[i] >= 128)
            {
                continue;
            }

            var width = to - from + 1;
            var range = (width == MaskBits ? ulong.MaxValue : (1UL << width) - 1) << from;
            var candidates = positions[a[i]] & ~bMatched & range;
            if (candidates != 0)
            {
                aMatched |= 1UL << i;
                bMatched |= candidates & (0 - candidates);
                matches++;
            }
        }

        var transpositions = 0;
        while (aMatched != 0)
        {
            if (a[BitOperations.TrailingZeroCount(aMatched)] != b[BitOperations.TrailingZeroCount(bMatched)])
            {
                transpositions++;
            }

            aMatched &= aMatched - 1;
            bMatched &= bMatched - 1;
        }

        return (matches, transpositions);
    }

    // The Jaro matching step for long or non-ASCII strings: scan the window for each character of a.
    internal static (int Matches, int Transpositions) MatchesByScan(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int window)
    {
        Span<bool> aMatched = a.Length <= StackLimit ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= StackLimit ? stackalloc bool[b.Length] : new bool[b.Length];
        aMatched.Clear();
        bMatched.Clear();
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length && matches > 0; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        return (matches, transpositions);
    }

    /// <summary>Levenshtein distance, or <paramref name="max"/> + 1 as soon as it is known to exceed <paramref name="max"/>.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        Span<int> previous = b.Length < StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return Math.Min(previous[b.Length], max + 1);
    }

    /// <summary>
    /// Edit distance counting two neighbouring characters swapped as one edit, as a keyboard slip is (optimal string
    /// alignment: "oliver" and "olievr" are one apart, not two), or <paramref name="max"/> + 1 as soon as it is known to
    /// exceed <paramref name="max"/>.
    /// </summary>
    public static int EditsWithSwaps(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        // Only cells within max of the diagonal can stay within max (Ukkonen's band): each row computes 2·max + 1 cells,
        // and the cell just outside the band on either side is marked over the bound for the next rows to read. A random
        // pair of address lines, most of what is compared, is settled in a few rows of a few cells.
        var over = max + 1;
        Span<int> beforePrevious = b.Length < StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> previous = b.Length < StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < StackLimit ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        var previousRowMin = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            var low = Math.Max(1, i - max);
            var high = Math.Min(b.Length, i + max);
            current[low - 1] = low == 1 ? Math.Min(i, over) : over;
            var rowMin = current[low - 1];
            for (var j = low; j <= high; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = Math.Min(value, over);
                rowMin = Math.Min(rowMin, value);
            }

            if (high < b.Length)
            {
                current[high + 1] = over;
            }

            // A swap reaches back two rows, so a row over the bound ends the search only when the row before it is too.
            if (rowMin > max && previousRowMin > max)
            {
                return over;
            }

            previousRowMin = rowMin;
            var oldest = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = oldest;
        }

        return Math.Min(previous[b.Length], over);
    }
}
