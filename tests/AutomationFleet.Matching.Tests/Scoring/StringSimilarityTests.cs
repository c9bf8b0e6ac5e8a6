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
    public void MatchesByBitMask_RandomAsciiStrings_SameAsWindowScan()
    {
        // A small alphabet makes many matches and transpositions; lengths up to 64 reach a window as wide as the mask.
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var a = Word(random);
            var b = Word(random);
            var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
            Assert.Equal(StringSimilarity.MatchesByScan(a, b, window), StringSimilarity.MatchesByBitMask(a, b, window));
        }
    }

    [Fact]
    public void JaroWinkler_NonAsciiOrLong_SameAsAsciiCounterpart()
    {
        // 'é' stands where 'e' stood in both strings: the scan path (non-ASCII) must give what the mask path gave.
        var shortPair = StringSimilarity.JaroWinkler("ab cdeab", "ab cdbae");
        Assert.Equal(shortPair, StringSimilarity.JaroWinkler("ab cdéab", "ab cdbaé"));
        var longA = new string('a', 70) + "bc";
        var longB = new string('a', 70) + "cb";
        Assert.InRange(StringSimilarity.JaroWinkler(longA, longB), 0.99, 1);
    }

    private static string Word(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 65)).Select(_ => "abcde fg"[random.Next(8)]).ToArray());

    [Theory]
    [InlineData("oscar", "osacr", 1)]
    [InlineData("oscar", "osrac", 2)]
    [InlineData("anncy", "nancy", 1)]
    [InlineData("hall", "hlla", 2)]
    [InlineData("london", "loodon", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("", "abc", 3)]
    public void EditsWithSwaps_Pairs_NeighbourSwapIsOneEdit(string a, string b, int expected) =>
        Assert.Equal(expected, StringSimilarity.EditsWithSwaps(a, b, 3));

    [Fact]
    public void EditsWithSwaps_RandomStrings_BetweenHalfLevenshteinAndLevenshteinAndBoundHonoured()
    {
        var random = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var a = Word(random);
            var b = Word(random);
            var full = StringSimilarity.EditsWithSwaps(a, b, 100);
            Assert.InRange(full, StringSimilarity.Levenshtein(a, b, 100) / 2, StringSimilarity.Levenshtein(a, b, 100));
            Assert.Equal(Math.Min(full, 3), StringSimilarity.EditsWithSwaps(a, b, 2));
        }
    }
}
