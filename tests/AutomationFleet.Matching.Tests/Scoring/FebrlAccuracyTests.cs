using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;
using Xunit.Abstractions;

namespace AutomationFleet.Matching.Tests.Scoring;

public sealed class FebrlAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Dedupe_Febrl3_MeasuredAtProbabilityHalf()
    {
        var mapping = new ColumnMapping(new Dictionary<string, string[]> { ["id"] = ["rec_id"], ["address"] = ["street_number", "address_1", "address_2", "suburb"] });
        var file = new PersonRecordReader(new RecordFileOptions { InvalidValues = InvalidValueHandling.TreatAsMissing }).Read(SharedData.File("linkage", "febrl", "dataset3.csv"), mapping);
        var people = new PersonNormaliser().NormaliseAll(file.Records);
        TermFrequencies.Count(people).Assign(people);
        var set = ComparisonSet.Default;
        var pairs = BlockingRules.DedupePairs(people);
        var scorer = new MatchScorer(ModelTrainer.Train(people, null, pairs, set).Model, set);
        var truePairs = people.GroupBy(p => Person(p.Id)).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        var blockedTrue = pairs.Count(p => Person(people[p.Left].Id) == Person(people[p.Right].Id));
        var predicted = pairs.Where(p => MatchScorer.Probability(scorer.Score(people[p.Left], people[p.Right])) >= 0.5).ToList();
        var correct = predicted.Count(p => Person(people[p.Left].Id) == Person(people[p.Right].Id));
        var precision = correct / (double)predicted.Count;
        var recall = correct / (double)truePairs;
        var f1 = 2 * precision * recall / (precision + recall);
        output.WriteLine($"pairs {pairs.Count}, true {truePairs}, blocking recall {blockedTrue / (double)truePairs:0.0000}, precision {precision:0.0000}, recall {recall:0.0000}, F1 {f1:0.0000}");

        // Floors below the measured values (see README); the 0.995 F1 target is not yet met.
        Assert.True(f1 >= 0.94, $"F1 {f1:0.0000}, precision {precision:0.0000}, recall {recall:0.0000}, blocking recall {blockedTrue / (double)truePairs:0.0000}");
    }

    private static string Person(string id) => id.Split('-')[1];
}
