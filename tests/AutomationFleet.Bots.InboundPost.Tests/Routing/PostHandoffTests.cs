using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Routing;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Bots.InboundPost.Tests.Routing;

public sealed class PostHandoffTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void From_OcrOutcomeDecidedByBot_FieldsNamedByContractWithOcrOrigin()
    {
        var outcome = new PostOutcome(
            "adult-social-care-contact", "Adult Social Care", new PostRoute("queue", "contact-forms"), 0.993,
            [new PostField("NhsNumber", "9434765919", 0.91, 1), new PostField("DateOfBirth", "1948-03-02", 0.8, 1)],
            1, "Ocr", 0.88);
        var documents = new[] { new AttachmentRef("scan.png", "image/png", new string('b', 64), 100) };

        var handoff = PostHandoff.From(JsonSerializer.Serialize(outcome, Web), "post-7", documents, "inbound-post");

        Assert.Equal(("post-7", "inbound-post", "adult-social-care-contact", 0.993), (handoff.SourceReference, handoff.SourceBot, handoff.Category, handoff.CategoryConfidence!.Value));
        Assert.Equal(documents, handoff.Documents);
        Assert.Equal(
            [(HandoffFieldNames.NhsNumber, "9434765919", HandoffOrigins.Ocr), (HandoffFieldNames.DateOfBirth, "1948-03-02", HandoffOrigins.Ocr)],
            handoff.Fields.Select(f => (f.Name, f.Value, f.Origin)));
    }

    [Fact]
    public void From_TextOutcomeDecidedByReviewer_CategoryCertainFieldsFromText()
    {
        var outcome = new PostOutcome(
            "adult-social-care-contact", "Adult Social Care", new PostRoute("queue", "contact-forms"), 0.6,
            [new PostField("Email", "a@example.org", 0.99, null)], 1, "Text", null);

        var handoff = PostHandoff.From(JsonSerializer.Serialize(outcome, Web), "post-8", [], "reviewer:ada");

        Assert.Equal(1, handoff.CategoryConfidence);
        Assert.Equal(HandoffOrigins.Text, Assert.Single(handoff.Fields).Origin);
        Assert.Equal(handoff.SourceReference, HandoffJson.Parse(HandoffJson.Serialize(handoff)).SourceReference);
    }
}
