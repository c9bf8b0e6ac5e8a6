using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class MatchScorerTests
{
    [Fact]
    public void Explain_AnyPair_ContributionsSumToScore()
    {
        var normaliser = new PersonNormaliser();
        var people = new[]
        {
            normaliser.Normalise(new PersonRecord("1", "Bill", "Smith", "1971-06-24", "M", "12 High Street", "PO82 7ER")),
            normaliser.Normalise(new PersonRecord("2", "William", "Smyth", "1971-06-24", "M", "12 High St", "PO82 7EP")),
            normaliser.Normalise(new PersonRecord("3", "Ann", "Jones", "1980-01-02", "F", "3 Low Road", "LS99 2DB")),
        };
        TermFrequencies.Count(people).Assign(people);
        var set = ComparisonSet.Default;
        var u = set.Comparisons.Select(c => c.Levels.Select((_, l) => l == c.Levels.Count - 1 ? 0.9 : 0.1 / (c.Levels.Count - 1)).ToArray()).ToArray();
        var scorer = new MatchScorer(new MatchModel(ModelTrainer.DefaultMatchProbabilities(set), u, 0.01, 0, true), set);

        var explanation = scorer.Explain(people[0], people[1]);

        Assert.Equal(scorer.Score(people[0], people[1]), explanation.TotalBits, 9);
        Assert.Equal(explanation.TotalBits, explanation.PriorBits + explanation.Fields.Sum(f => f.Bits), 9);
        Assert.InRange(explanation.Probability, 0, 1);
    }

    [Fact]
    public void Score_MatchShareOfPairsKnown_RareSurnameCountsForMoreDownToOneRecord()
    {
        var normaliser = new PersonNormaliser();
        var people = new[]
        {
            normaliser.Normalise(new PersonRecord("1", Surname: "Featherstonehaugh")),
            normaliser.Normalise(new PersonRecord("2", Surname: "Featherstonehaugh")),
            normaliser.Normalise(new PersonRecord("3", Surname: "Smith")),
            normaliser.Normalise(new PersonRecord("4", Surname: "Smith")),
        };
        TermFrequencies.Count(people.Concat(Enumerable.Range(0, 96).Select(i => normaliser.Normalise(new PersonRecord($"x{i}", Surname: "Smith"))))).Assign(people);
        var set = ComparisonSet.Default;
        var u = set.Comparisons.Select(c => c.Levels.Select((_, l) => l == c.Levels.Count - 1 ? 0.9 : 0.1 / (c.Levels.Count - 1)).ToArray()).ToArray();
        var m = ModelTrainer.DefaultMatchProbabilities(set);
        var plain = new MatchScorer(new MatchModel(m, u, 0.01, 0, true), set);

        // One pair in 100 matches and 90 % of matches agree on the surname: 0.009 of a value's 0.02 share are matches.
        var corrected = new MatchScorer(new MatchModel(m, u, 0.01, 0, true, MatchShareOfPairs: 0.01, SmallestShare: 0.01), set);

        // Featherstonehaugh: share 0.02, less 0.009 of matches = 0.011; Smith: 0.98 less 0.009.
        Assert.Equal(Math.Log2(0.02 / 0.011), corrected.Score(people[0], people[1]) - plain.Score(people[0], people[1]), 9);
        Assert.Equal(Math.Log2(0.98 / 0.971), corrected.Score(people[2], people[3]) - plain.Score(people[2], people[3]), 9);
        var floored = new MatchScorer(new MatchModel(m, u, 0.01, 0, true, MatchShareOfPairs: 0.05, SmallestShare: 0.01), set);
        Assert.Equal(Math.Log2(0.02 / 0.01), floored.Score(people[0], people[1]) - plain.Score(people[0], people[1]), 9);
    }

    [Fact]
    public void Explain_NearLevelNoMatchesSeen_NeverBelowDifferent()
    {
        var normaliser = new PersonNormaliser();
        var swapped = normaliser.Normalise(new PersonRecord("1", DateOfBirth: "1971-05-07"));
        var other = normaliser.Normalise(new PersonRecord("2", DateOfBirth: "1971-07-05"));
        var set = ComparisonSet.Default;
        var u = set.Comparisons.Select(c => c.Levels.Select((_, l) => l == c.Levels.Count - 1 ? 0.9 : 0.1 / (c.Levels.Count - 1)).ToArray()).ToArray();
        var m = ModelTrainer.DefaultMatchProbabilities(set);
        var k = Array.FindIndex(set.Comparisons, c => c.Name == "date_of_birth");

        // EM saw no day-and-month swaps among matches: m at the smoothing floor, far below u.
        m[k][1] = 1e-7;
        var field = new MatchScorer(new MatchModel(m, u, 0.01, 0, true), set).Explain(swapped, other).Fields[k];

        Assert.Equal("day and month swapped", field.Level);
        Assert.Equal(Math.Log2(m[k][^1] / u[k][^1]), field.Bits, 9);
    }
}
