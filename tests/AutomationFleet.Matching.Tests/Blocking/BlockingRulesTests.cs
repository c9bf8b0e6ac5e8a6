using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;

namespace AutomationFleet.Matching.Tests.Blocking;

public class BlockingRulesTests
{
    // 600 people in 6 birth dates: the date-of-birth rule blocks 6 × C(100, 2) = 29,700 pairs.
    private static readonly NormalisedPerson[] People = new PersonNormaliser().NormaliseAll(
        Enumerable.Range(0, 600).Select(i => new PersonRecord($"P{i}", $"Given{i % 7}", $"Surname{i % 11}", $"1980-01-{1 + (i % 6):00}")).ToList());

    private static readonly BlockingRule DateOfBirth = BlockingRules.Default.Single(r => r.Name == "date of birth");

    [Theory]
    [InlineData(1000)]
    [InlineData(7_001)]
    [InlineData(29_699)]
    public void EvenSampleOf_MoreBlockedPairsThanMax_SameAsThinningTheFullList(int maxPairs)
    {
        var all = BlockingRules.PairsOf(DateOfBirth, People, null).ToList();
        var step = all.Count / (double)maxPairs;
        var thinned = Enumerable.Range(0, maxPairs).Select(i => all[(int)(i * step)]).ToList();

        Assert.Equal(thinned, BlockingRules.EvenSampleOf(DateOfBirth, People, null, 1000, maxPairs));
    }

    [Fact]
    public void EvenSampleOf_FewerBlockedPairsThanMax_EveryPair()
    {
        Assert.Equal(BlockingRules.PairsOf(DateOfBirth, People, null).ToList(), BlockingRules.EvenSampleOf(DateOfBirth, People, null, 1000, 400_000));
    }

    [Fact]
    public void EvenSampleOf_Link_SameAsThinningTheFullList()
    {
        var right = People[..300];
        var all = BlockingRules.PairsOf(DateOfBirth, People, right).ToList();
        var step = all.Count / 5000.0;

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => all[(int)(i * step)]), BlockingRules.EvenSampleOf(DateOfBirth, People, right, 1000, 5000));
    }

    [Fact]
    public void DedupePairs_GivenNameAndSurnameSwapped_Compared()
    {
        // Nothing else in common: another date of birth, no postcode, no contact details.
        var people = new PersonNormaliser().NormaliseAll(
        [
            new PersonRecord("A", "Caleb", "Rowe", "1992-11-20"),
            new PersonRecord("B", "Rowe", "Caleb", "1993-12-21"),
        ]);

        Assert.Equal([(0, 1)], BlockingRules.DedupePairs(people));
    }

    [Fact]
    public void DedupePairs_BirthYearMistypedAndGivenNameMissing_Compared()
    {
        // Only the surname and the day and month of birth agree.
        var people = new PersonNormaliser().NormaliseAll(
        [
            new PersonRecord("A", "", "Mason", "1996-12-10"),
            new PersonRecord("B", "Elizabeth", "Mason", "1997-12-10"),
        ]);

        Assert.Equal([(0, 1)], BlockingRules.DedupePairs(people));
    }

    [Fact]
    public void DedupePairs_NothingSharedButFewPairsInAll_EveryPairCompared()
    {
        var people = new PersonNormaliser().NormaliseAll(
        [
            new PersonRecord("A", "Lucas", "", "1991-04-05"),
            new PersonRecord("B", "Luas", "Coox", "1992-05-06"),
            new PersonRecord("C", "Ann", "Jones", "1970-01-02"),
        ]);

        Assert.Empty(BlockingRules.DedupePairs(people));
        Assert.Equal([(0, 1), (0, 2), (1, 2)], BlockingRules.DedupePairs(people, compareAllUpTo: 3));
        Assert.Empty(BlockingRules.DedupePairs(people, compareAllUpTo: 2));
    }

    [Fact]
    public void LinkPairs_FewPairsInAll_EveryPairCompared()
    {
        var pairs = BlockingRules.LinkPairs(People[..3], People[3..5], compareAllUpTo: 6);

        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)], pairs);
    }
}
