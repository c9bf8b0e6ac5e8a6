using System.Globalization;
using AutomationFleet.Bots.IncidentReports.Cli;
using AutomationFleet.Bots.IncidentReports.Deduplication;
using AutomationFleet.Core.Incidents;
using Xunit.Abstractions;

namespace AutomationFleet.Bots.IncidentReports.Tests.Deduplication;

/// <summary>
/// The words cascade: word overlap calls the clear pairs, the sentence encoder the rest. Checked against the encoder
/// alone on the hand-written pairs of <c>duplicate-reports.tsv</c> (where its band was chosen), and pair by pair for
/// what is embedded and what the evidence says.
/// </summary>
public sealed class DuplicateFinderTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DuplicateWords Shipped = DuplicateWords.From(new IncidentReportsOptions());

    // The encoder alone: no overlap is clear either way, so every pair at the same place is embedded.
    private static readonly DuplicateWords EncoderOnly = Shipped with { ClearOverlap = double.PositiveInfinity, UnrelatedOverlap = 0 };

    [Fact]
    public void Find_LabelledPairs_CascadeLinksExactlyAsTheEncoderAlone()
    {
        var cascadeEmbedder = Counting();
        var cascade = new DuplicateFinder(cascadeEmbedder, Shipped);
        var encoderOnly = new DuplicateFinder(Counting(), EncoderOnly);
        int agree = 0, cascadeRight = 0, encoderRight = 0;
        foreach (var (a, b, same) in LabelledReports.Pairs)
        {
            var byCascade = cascade.Find(Report(b), [Incident(a)]) is not null;
            var byEncoder = encoderOnly.Find(Report(b), [Incident(a)]) is not null;
            agree += byCascade == byEncoder ? 1 : 0;
            cascadeRight += byCascade == same ? 1 : 0;
            encoderRight += byEncoder == same ? 1 : 0;
        }

        var pairs = LabelledReports.Pairs.Count;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{pairs} pairs ({LabelledReports.Pairs.Count(p => p.Same)} the same incident): cascade agrees with the encoder alone on {agree}; "
            + $"{cascade.PairsSentToEncoder} sent to the encoder, {cascade.PairsDecidedByOverlap} decided by overlap; "
            + $"against the labels, cascade {cascadeRight}, encoder alone {encoderRight}"));
        Assert.Equal(187, pairs);
        Assert.Equal(pairs, agree);
        Assert.Equal(pairs, cascade.PairsSentToEncoder + cascade.PairsDecidedByOverlap);
        Assert.True(cascade.PairsSentToEncoder < pairs * 0.6, $"{cascade.PairsSentToEncoder} of {pairs} pairs went to the encoder");
    }

    [Fact]
    public void Find_ClearDuplicate_LinkedWithoutTheEncoder()
    {
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);

        var match = finder.Find(
            Report("Pothole outside 14 Albert Avenue is getting deeper, cars swerving round it."),
            [Incident("Deep pothole outside number 14 Albert Avenue, cars are swerving round it.")]);

        Assert.NotNull(match);
        Assert.Equal(0, embedder.Calls);
        Assert.True(match.Similarity >= Shipped.ClearOverlap);
        Assert.Contains(match.Reasons, r => r.StartsWith("Words: similarity", StringComparison.Ordinal)
            && r.Contains("word and letter-trigram overlap", StringComparison.Ordinal)
            && r.Contains("encoder was not needed", StringComparison.Ordinal));
    }

    [Fact]
    public void Find_UncertainPair_SentToTheEncoderAndItsCosineIsTheEvidence()
    {
        // The same hole in other words: little overlap, but a sentence encoder sees the same thing.
        const string Incident1 = "There is a big pothole on Albert Avenue near number 14; my car hit it this morning and the tyre is damaged.";
        const string Again = "Reporting the same hole in the road by 14 Albert Avenue again, it is now deeper and full of water.";
        var overlap = WordOverlap.Similarity(Again, Incident1);
        Assert.InRange(overlap, Shipped.UnrelatedOverlap, Shipped.ClearOverlap);
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);

        var match = finder.Find(Report(Again), [Incident(Incident1)]);

        Assert.Equal(1, embedder.Calls);
        Assert.Equal(2, embedder.Texts);
        Assert.Equal(1, finder.PairsSentToEncoder);
        Assert.NotNull(match);
        Assert.True(match.Similarity >= Shipped.EncoderSimilarity);
        Assert.Contains(match.Reasons, r => r.Contains("by the sentence encoder", StringComparison.Ordinal)
            && r.Contains(string.Create(CultureInfo.InvariantCulture, $"word overlap {overlap:0.00}"), StringComparison.Ordinal));
    }

    [Fact]
    public void Find_LabelledPairsWithKeptVectors_LinkAsWithoutThemEncodingOnlyTheReport()
    {
        var without = new DuplicateFinder(Counting(), Shipped);
        var embedder = Counting();
        var kept = new DuplicateFinder(embedder, Shipped);
        var agree = 0;
        foreach (var (a, b, _) in LabelledReports.Pairs)
        {
            var incident = Incident(a) with { TextVector = Encoded(a) };
            var withVector = kept.Find(Report(b), [incident]);
            var withText = without.Find(Report(b), [Incident(a)]);
            agree += (withVector?.Similarity, withText?.Similarity) switch
            {
                (null, null) => 1,
                ({ } x, { } y) when Math.Abs(x - y) < 1e-6 => 1,
                _ => 0,
            };
        }

        Assert.Equal(LabelledReports.Pairs.Count, agree);
        Assert.Equal(without.PairsSentToEncoder, kept.PairsSentToEncoder);
        Assert.Equal(kept.PairsSentToEncoder, kept.CandidateVectorsFromStore);
        Assert.Equal(0, kept.CandidateTextsEncoded);
        Assert.Equal(embedder.Calls, embedder.Texts);
    }

    [Fact]
    public void Find_UncertainCandidateWithKeptVector_OnlyTheReportEncoded()
    {
        const string Incident1 = "There is a big pothole on Albert Avenue near number 14; my car hit it this morning and the tyre is damaged.";
        const string Again = "Reporting the same hole in the road by 14 Albert Avenue again, it is now deeper and full of water.";
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);
        var incident = Incident(Incident1) with { TextVector = Encoded(Incident1) };

        var match = finder.Find(Report(Again), [incident]);

        Assert.NotNull(match);
        Assert.Equal((1, 1), (embedder.Calls, embedder.Texts));
        Assert.Equal((1, 0), (finder.CandidateVectorsFromStore, finder.CandidateTextsEncoded));
    }

    [Fact]
    public void Find_KeptVectorOfAnotherModel_IncidentTextEncodedInstead()
    {
        const string Incident1 = "There is a big pothole on Albert Avenue near number 14; my car hit it this morning and the tyre is damaged.";
        const string Again = "Reporting the same hole in the road by 14 Albert Avenue again, it is now deeper and full of water.";
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);

        // A vector from an encoder since replaced: pointing the other way, it would say "different" if it were used.
        var stale = Encoded(Incident1);
        var incident = Incident(Incident1) with { TextVector = new IncidentTextVector("another-model", [.. stale.Values.Select(v => -v)]) };

        var match = finder.Find(Report(Again), [incident]);

        Assert.NotNull(match);
        Assert.Equal((1, 2), (embedder.Calls, embedder.Texts));
        Assert.Equal((0, 1), (finder.CandidateVectorsFromStore, finder.CandidateTextsEncoded));
    }

    [Fact]
    public void Find_ClearNonDuplicate_NotLinkedAndNotEmbedded()
    {
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);

        var match = finder.Find(Report("Street lamp flickering all night"), [Incident("Fly tipping: mattress dumped in the lay-by")]);

        Assert.Null(match);
        Assert.Equal(0, embedder.Calls);
        Assert.Equal(1, finder.PairsDecidedByOverlap);
    }

    [Fact]
    public void Find_ClearAndUncertainCandidates_TheClearOneLinkedWithoutTheEncoder()
    {
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);
        var clear = Incident("Deep pothole outside number 14 Albert Avenue, cars are swerving round it.", "INC-CLEAR");
        var uncertain = Incident("Hole in the road near the school, tyre damaged.", "INC-UNSURE");

        var match = finder.Find(Report("Pothole outside 14 Albert Avenue is getting deeper, cars swerving round it."), [uncertain, clear]);

        Assert.Equal("INC-CLEAR", match?.Incident.Reference);
        Assert.Equal(0, embedder.Calls);
    }

    [Fact]
    public void Find_NoCandidateAtTheSamePlace_NotCompared()
    {
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);
        var far = Incident("Deep pothole outside number 14 Albert Avenue.") with { Latitude = 52.5 };

        Assert.Null(finder.Find(Report("Deep pothole outside number 14 Albert Avenue."), [far]));
        Assert.Equal(0, finder.ReportsCompared);
        Assert.Equal(0, embedder.Calls);
    }

    [Fact]
    public void CachedTextVectorOf_ReportTheDecisionEncoded_ItsVectorWithoutEncoding()
    {
        const string Incident1 = "There is a big pothole on Albert Avenue near number 14; my car hit it this morning and the tyre is damaged.";
        const string Again = "Reporting the same hole in the road by 14 Albert Avenue again, it is now deeper and full of water.";
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);
        finder.Find(Report(Again), [Incident(Incident1)]);
        embedder.Reset();

        var kept = finder.CachedTextVectorOf(Again);

        Assert.Equal((0, 1, 1), (embedder.Calls, embedder.Lookups, embedder.Hits));
        Assert.NotNull(kept);
        Assert.Equal(embedder.ModelName, kept.Model);
        Assert.Equal(IncidentTestKit.SharedEmbedder.Value.Embed(Again), kept.Values);
    }

    [Fact]
    public void CachedTextVectorOf_TextNeverEncoded_NullAndNothingEncoded()
    {
        // A text no other test encodes (the encoder and its cache are shared by the test run).
        const string Text = "Pothole by the cattle grid on the old drovers' road, only CachedTextVectorOf sees this text.";
        var embedder = Counting();
        var finder = new DuplicateFinder(embedder, Shipped);

        Assert.Null(finder.CachedTextVectorOf(Text));
        Assert.Null(finder.CachedTextVectorOf(Text));
        Assert.Equal((0, 2, 0), (embedder.Calls, embedder.Lookups, embedder.Hits));
    }

    private static IncidentTextVector Encoded(string text) =>
        new(IncidentTestKit.SharedEmbedder.Value.ModelName, IncidentTestKit.SharedEmbedder.Value.Embed(text));

    private static CountingEmbedder Counting() => new(IncidentTestKit.SharedEmbedder.Value, TimeProvider.System);

    private static DuplicateQuery Report(string text) =>
        new(TimeSpan.FromDays(14), 50, 52.0, -1.0, "WS000001", null, Now, text);

    private static Incident Incident(string text, string reference = "INC-1") =>
        new(reference, "r-0", "pothole", "road-surface", "routine", IncidentState.Allocated, "highways-north", null, "North", "WS000001",
            52.0001, -1.0, null, Now.AddDays(-1), Now.AddDays(-1), Now.AddDays(4), null, 1, "Pothole", text);
}
