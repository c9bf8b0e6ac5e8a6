using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class FebrlEmTests
{
    [Fact]
    public void Train_Febrl1Dedupe_ConvergesWithSaneParameters()
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

        var trained = ModelTrainer.Train(people, null, pairs, set);
        var model = trained.Model;

        Assert.Equal("em", trained.FittedBy);
        Assert.True(model.Converged);
        Assert.InRange(model.Lambda, 0, 1);
        var report = $"lambda {model.Lambda}, sessions {string.Join(", ", trained.Sessions)}, m {string.Join(" | ", model.M.Select(l => string.Join(",", l.Select(x => x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))))}";
        Assert.True(model.M[0][0] > 0.5, "m of exact given-name agreement should be high: " + report);
        Assert.True(model.M[1][0] > 0.5, "m of exact surname agreement should be high: " + report);
        for (var k = 0; k < model.M.Length; k++)
        {
            Assert.Equal(1, model.M[k].Sum(), 6);
            Assert.Equal(1, model.U[k].Sum(), 6);

            // FEBRL has no sex, phone, e-mail or NHS number: only the fields it has are estimated.
            if (pairs.Any(p => set.Comparisons[k].Compare(people[p.Left], people[p.Right]) >= 0))
            {
                Assert.True(model.M[k][0] > model.U[k][0], set.Comparisons[k].Name + ": " + report);
            }
        }

        var scorer = new MatchScorer(model, set);
        var truth = pairs.Count(p => Person(people[p.Left].Id) == Person(people[p.Right].Id));
        var found = pairs.Count(p => MatchScorer.Probability(scorer.Score(people[p.Left], people[p.Right])) >= 0.5 && Person(people[p.Left].Id) == Person(people[p.Right].Id));
        Assert.True(found >= 0.95 * truth, $"{found} of {truth} blocked true pairs above 0.5");
    }

    private static string Person(string id) => id.Split('-')[1];
}
