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
}
