using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class StringSimilarityTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("abc", "xyz", 0)]
    public void JaroWinkler_TextbookPairs_TextbookValues(string a, string b, double expected) =>
        Assert.Equal(expected, StringSimilarity.JaroWinkler(a, b), 4);

    [Fact]
    public void JaroWinkler_RandomStrings_SameAsWindowScan()
    {
        // Lengths up to 70 cross the 64-character bit-mask limit; a small alphabet makes many matches and transpositions;
        // 'é' sends some pairs down the scan path.
        var random = new Random(7);
        const string alphabet = "abcde fg";
        for (var n = 0; n < 20_000; n++)
        {
            var a = Word(random, alphabet);
            var b = Word(random, alphabet);
            Assert.Equal(Reference(a, b), StringSimilarity.JaroWinkler(a, b));
        }
    }

    private static string Word(Random random, string alphabet) =>
        new(Enumerable.Range(0, random.Next(1, 71)).Select(_ => random.Next(200) == 0 ? 'é' : alphabet[random.Next(alphabet.Length)]).ToArray());

    // The textbook algorithm, written plainly, as the reference the fast one must equal exactly.
    private static double Reference(string a, string b)
    {
        if (a == b)
        {
            return 1;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j <= Math.Min(b.Length - 1, i + window); j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var aOrder = a.Where((_, i) => aMatched[i]).ToArray();
        var bOrder = b.Where((_, j) => bMatched[j]).ToArray();
        var transpositions = aOrder.Zip(bOrder).Count(p => p.First != p.Second);
        var m = (double)matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }
}
