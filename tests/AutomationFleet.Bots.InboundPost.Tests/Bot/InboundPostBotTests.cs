using System.Text.Json;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.InboundPost.Tests.Bot;

[Trait("Category", "Integration")]
public sealed class InboundPostBotTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    [Fact]
    public async Task DecideAsync_SampleLetters_MostRightAndSafeguardingUrgentForAPerson()
    {
        var manifest = File.ReadAllLines(Repository.File("samples", "letters", "manifest.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToList();
        var right = 0;
        foreach (var (file, expected) in manifest.Select(m => (m[0], m[1])))
        {
            var item = await fixture.EnqueueFileAsync(
                "letter:" + file, file, BotFixture.MediaTypeOf(file), await File.ReadAllBytesAsync(Repository.File("samples", "letters", file)));

            var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

            if (decision.Category == expected)
            {
                right++;
            }

            Assert.NotNull(decision.FittedThreshold);
            using var outcome = JsonDocument.Parse(decision.OutcomeJson!);
            Assert.Equal(decision.Category, outcome.RootElement.GetProperty("category").GetString());
            Assert.Equal(file.EndsWith(".pdf", StringComparison.Ordinal) && !file.Contains("scan", StringComparison.Ordinal) ? "Text" : "Ocr",
                outcome.RootElement.GetProperty("source").GetString());
            if (expected == "safeguarding-concern")
            {
                Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
                Assert.True(decision.Urgent);
                Assert.Contains(decision.Reasons, r => r.Contains("never automatic", StringComparison.Ordinal));
            }
        }

        Assert.True(right >= manifest.Count - 1, $"{right} of {manifest.Count} sample letters classified as expected");
    }

    [Fact]
    public async Task DecideAsync_TextPdf_ProposesWithFittedThresholdAndFields()
    {
        var item = await fixture.EnqueueFileAsync(
            "letter:bb", "a.pdf", "application/pdf", await File.ReadAllBytesAsync(Repository.File("samples", "letters", "blue-badge-renewal.pdf")));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal(BotDecisionKind.Proposal, decision.Kind);
        Assert.Equal("blue-badge", decision.Category);
        Assert.Equal("Blue Badge team", decision.Service);
        Assert.Equal(fixture.Model.Current.Thresholds.For("blue-badge"), decision.FittedThreshold);
        using var outcome = JsonDocument.Parse(decision.OutcomeJson!);
        Assert.Equal("email", outcome.RootElement.GetProperty("route").GetProperty("type").GetString());
        var kinds = outcome.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToList();
        Assert.Contains("Postcode", kinds);
        using var evidence = JsonDocument.Parse(decision.EvidenceJson);
        Assert.True(evidence.RootElement.GetProperty("classification").GetProperty("top").GetArrayLength() > 1);
    }

    [Fact]
    public async Task DecideAsync_TextPdf_EvidenceListsEveryTaxonomyCategoryWithDisplayName()
    {
        var item = await fixture.EnqueueFileAsync(
            "letter:cats", "c.pdf", "application/pdf", await File.ReadAllBytesAsync(Repository.File("samples", "letters", "blue-badge-renewal.pdf")));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        using var evidence = JsonDocument.Parse(decision.EvidenceJson);
        var categories = evidence.RootElement.GetProperty("categories").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("name").GetString()!))
            .ToList();
        var taxonomy = InboundPost.Taxonomy.CouncilTaxonomy.Load(Repository.File("config", "taxonomy.json"));
        Assert.Equal(taxonomy.Categories.Select(c => (c.Id, c.DisplayName)), categories);
        Assert.Contains(("highways", "Highways (potholes, street lights, drains, pavements)"), categories);
    }

    [Theory]
    [InlineData("{\"category\":\"waste\",\"service\":\"Waste services\"}", "Waste services")]
    [InlineData("{\"category\":\"waste\"}", null)]
    [InlineData("{\"service\":42}", null)]
    [InlineData("[1,2]", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void ServiceOf_Outcome_ReadsServiceOrNull(string outcomeJson, string? expected)
    {
        Assert.Equal(expected, fixture.Bot.ServiceOf(outcomeJson));
    }

    [Fact]
    public async Task DecideAsync_FittedThresholdBelowBotThreshold_PolicyAppliesFitted()
    {
        var item = await fixture.EnqueueFileAsync(
            "letter:hw", "b.pdf", "application/pdf", await File.ReadAllBytesAsync(Repository.File("samples", "letters", "school-transport-appeal.pdf")));
        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);
        var options = new ConfidenceOptions { Bots = { ["inbound-post"] = new BotConfidenceOptions { Threshold = 1.0 } } };

        var verdict = new ConfidencePolicy(new Monitor(options)).Evaluate(fixture.Bot.Name, decision);

        Assert.Equal(decision.FittedThreshold, verdict.Threshold);
        Assert.True(verdict.Threshold < 1.0);
        Assert.True(verdict.IsAutomatic);
    }

    [Theory]
    [InlineData("zero.pdf", "application/pdf", "")]
    [InlineData("corrupt.pdf", "application/pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage endobj\n%%EOF")]
    [InlineData("corrupt.png", "image/png", "\u0089PNG\r\n\u001a\nnot really an image")]
    public async Task DecideAsync_UnreadableAttachment_NeedsPersonWithReason(string name, string mediaType, string content)
    {
        var bytes = content.Select(c => (byte)c).ToArray();
        var item = await fixture.EnqueueFileAsync("bad:" + name, name, mediaType, bytes);

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        var reason = Assert.Single(decision.Reasons);
        Assert.Contains("quarantined", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(name, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_EncryptedPdf_NeedsPersonWithReason()
    {
        var bytes = EncryptedPdf.Create();
        var item = await fixture.EnqueueFileAsync("bad:encrypted", "e.pdf", "application/pdf", bytes);

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        var reason = Assert.Single(decision.Reasons);
        Assert.Contains("quarantined (Encrypted)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_SafeguardingKeywordInAnotherCategory_UrgentForAPerson()
    {
        var text = "I want to complain about the missed care visits to my father. He was left without food and I think this is neglect.";
        var item = await fixture.EnqueueFileAsync("text:neglect", "n.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes(text));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.True(decision.Urgent);
        Assert.Contains(decision.Reasons, r => r.Contains("'neglect'", StringComparison.Ordinal));
        Assert.NotNull(decision.OutcomeJson);
        Assert.False(string.IsNullOrEmpty(decision.Service));
    }

    [Fact]
    public async Task DecideAsync_TextUnlikeAnyTraining_NeedsPersonWithNoveltyReasonAndEvidence()
    {
        var text = "Preheat the oven to 180 degrees. Cream the butter and sugar, beat in two eggs, fold in the flour and bake the sponge for twenty minutes.";
        var item = await fixture.EnqueueFileAsync("text:recipe", "r.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes(text));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains(decision.Reasons, r => r.StartsWith("The text is unlike anything this bot was trained on (distance ", StringComparison.Ordinal) && r.Contains("typical ≤ ", StringComparison.Ordinal));
        using var evidence = System.Text.Json.JsonDocument.Parse(decision.EvidenceJson!);
        var novelty = evidence.RootElement.GetProperty("classification").GetProperty("novelty");
        Assert.True(novelty.GetProperty("novel").GetBoolean());
        Assert.True(novelty.GetProperty("distance").GetDouble() > novelty.GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task DecideAsync_EmailAttachment_ReadsSubjectAndBody()
    {
        var item = await fixture.EnqueueFileAsync(
            "mail:pothole", "p.eml", "message/rfc822", await File.ReadAllBytesAsync(Repository.File("samples", "inbox", "pothole-report.eml")));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal("highways", decision.Category);
    }

    [Fact]
    public async Task DecideAsync_BlankScan_NeedsPerson()
    {
        var item = await fixture.EnqueueFileAsync(
            "scan:bars", "s.png", "image/png", await File.ReadAllBytesAsync(Repository.File("samples", "inbox", "scanned-form.png")));

        var decision = await fixture.Bot.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains("No readable text", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    private sealed class Monitor(ConfidenceOptions value) : IOptionsMonitor<ConfidenceOptions>
    {
        public ConfidenceOptions CurrentValue => value;

        public ConfidenceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConfidenceOptions, string?> listener) => null;
    }
}
