using System.Text.Json.Nodes;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Bots;

namespace AutomationFleet.Bots.InboundPost.Tests.Routing;

public sealed class ReviewedPostOutcomeTests
{
    private static readonly CouncilTaxonomy Taxonomy = new(
    [
        new TaxonomyCategory("blue-badge", "Blue Badge", "Blue Badge team", new TaxonomyRoute(RouteKind.Email, "bluebadge@council.example"), false),
        new TaxonomyCategory("waste", "Waste", "Waste services", new TaxonomyRoute(RouteKind.Queue, "incident-reports"), false),
    ]);

    // As the bot proposed it for Blue Badge, then corrected by a reviewer to waste (only the category changed).
    private const string Corrected =
        """{"category":"waste","service":"Blue Badge team","route":{"type":"email","target":"bluebadge@council.example"},"confidence":0.61,"fields":[],"pages":1,"source":"Text","ocrMeanConfidence":null,"serviceMailbox":"bluebadge@council.example"}""";

    [Fact]
    public void Complete_CorrectedCategory_TakesServiceRouteAndMailboxOfTheNewCategory()
    {
        var completed = JsonNode.Parse(ReviewedPostOutcome.Complete(Corrected, Taxonomy))!.AsObject();

        Assert.Equal("waste", (string?)completed["category"]);
        Assert.Equal("Waste services", (string?)completed["service"]);
        Assert.Equal("queue", (string?)completed["route"]!["type"]);
        Assert.Equal("incident-reports", (string?)completed["route"]!["target"]);
        Assert.Null(completed["serviceMailbox"]);
        Assert.Equal(0.61, (double)completed["confidence"]!);
    }

    [Fact]
    public void Complete_AlreadyConsistent_ReturnsTheSameText()
    {
        var once = ReviewedPostOutcome.Complete(Corrected, Taxonomy);

        Assert.Same(once, ReviewedPostOutcome.Complete(once, Taxonomy));
    }

    [Fact]
    public void Complete_CategoryIdInOtherCase_UsesTheTaxonomyId()
    {
        var completed = JsonNode.Parse(ReviewedPostOutcome.Complete("""{"category":"Blue-Badge"}""", Taxonomy))!.AsObject();

        Assert.Equal("blue-badge", (string?)completed["category"]);
        Assert.Equal("bluebadge@council.example", (string?)completed["serviceMailbox"]);
    }

    [Theory]
    [InlineData("""{"category":"parking"}""", "'parking' is not in the council taxonomy")]
    [InlineData("""{"service":"x"}""", "'' is not in the council taxonomy")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{oops", "not valid JSON")]
    public void Complete_OutcomeTheBotCannotCarryOut_ThrowsWithReason(string outcome, string expected)
    {
        var exception = Assert.Throws<ReviewedOutcomeException>(() => ReviewedPostOutcome.Complete(outcome, Taxonomy));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
