using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class FebrlEmTests
{
    [Fact]
    public void Fit_Febrl1Dedupe_ConvergesWithSaneParameters()
    {
        var mapping = new ColumnMapping(new Dictionary<string, string[]>
        {
            ["id"] = ["rec_id"], ["address"] = ["street_number", "address_1", "address_2", "suburb"],
        });
        var file = new PersonRecordReader(new RecordFileOptions { InvalidValues = InvalidValueHandling.TreatAsMissing }).Read(SharedData.File("linkage", "febrl", "dataset1.csv"), mapping);
        var people = new PersonNormaliser().NormaliseAll(file.Records);
        TermFrequencies.Count(people).Assign(people);
        var set = ComparisonSet.Default;
        var pairs = BlockingRules.DedupePairs(people);
        var patterns = new Dictionary<ulong, long>();
        foreach (var (l, r) in pairs)
        {
            var pattern = set.Pattern(people[l], people[r]);
            patterns[pattern] = patterns.GetValueOrDefault(pattern) + 1;
        }

        var model = ExpectationMaximisation.Fit(patterns, RandomPairEstimate.U(people, set));

        Assert.True(model.Converged);
        Assert.InRange(model.Lambda, 0, 1);
        Assert.True(model.M[0][0] > 0.5, $"m of exact given-name agreement should be high: lambda {model.Lambda}, pairs {pairs.Count}, m {string.Join(" | ", model.M.Select(l => string.Join(",", l.Select(x => x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))))}, u0 {string.Join(",", model.U.Select(l => l[0].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(model.M[1][0] > 0.5, "m of exact surname agreement should be high");
        for (var k = 0; k < model.M.Length; k++)
        {
            if (patterns.Keys.Any(key => ComparisonSet.LevelOf(key, k) >= 0))
            {
                Assert.True(model.M[k][0] > model.U[k][0], set.Comparisons[k].Name);
            }
        }

        var scorer = new MatchScorer(model, set);
        var truth = pairs.Count(p => Person(people[p.Left].Id) == Person(people[p.Right].Id));
        var found = pairs.Count(p => MatchScorer.Probability(scorer.Score(people[p.Left], people[p.Right])) >= 0.5 && Person(people[p.Left].Id) == Person(people[p.Right].Id));
        Assert.True(found >= 0.95 * truth, $"{found} of {truth} blocked true pairs above 0.5");
    }

    private static string Person(string id) => id.Split('-')[1];
}
