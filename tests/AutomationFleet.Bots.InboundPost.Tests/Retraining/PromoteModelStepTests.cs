using System.Text.Json;
using AutomationFleet.Bots.InboundPost.Classification;
using AutomationFleet.Bots.InboundPost.Model;
using AutomationFleet.Bots.InboundPost.Reading;
using AutomationFleet.Bots.InboundPost.Retraining;
using AutomationFleet.Bots.InboundPost.Tests.Bot;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutomationFleet.Bots.InboundPost.Tests.Retraining;

[Trait("Category", "Integration")]
public sealed class PromoteModelStepTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task DeliverAsync_PromotedCandidate_ReplacesModelReloadsAndIsIdempotent()
    {
        var options = new InboundPostOptions { ModelPath = Path.Combine(fixture.Directory, "promote", "live.model"), TrainIfMissing = false };
        Directory.CreateDirectory(Path.GetDirectoryName(options.ModelPath)!);
        var small = LabelledTextLoader.Load(fixture.Options.TrainingData).Where(e => e.Label is "highways" or "waste").ToList();
        ClassifierTraining.Train(small, 0.99, TimeProvider.System, TestEmbedder.Shared).Save(options.ModelPath);
        var model = new ClassifierModel(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<ClassifierModel>.Instance, TestEmbedder.Shared);
        Assert.Equal(2, model.Current.Labels.Count);
        var candidate = Path.Combine(fixture.Directory, "promote", "candidate.model");
        fixture.Model.Current.Save(candidate);
        var proposal = new RetrainProposal(true, "better", 3, 507, 180, 0.9, 0.5, 1.0, 0.7, candidate,
            RetrainClassifierBot.Hash(await File.ReadAllBytesAsync(candidate)));
        var item = await fixture.EnqueueFileAsync("retrain:1", "x.txt", "text/plain", [65]);
        var context = new DeliveryContext(item, new ItemOutcome(JsonSerializer.Serialize(proposal, Web), 1, "b"), "k");
        var sut = new PromoteModelStep(model);

        var first = await sut.DeliverAsync(context, CancellationToken.None);
        var second = await sut.DeliverAsync(context, CancellationToken.None);

        Assert.Equal(13, model.Current.Labels.Count);
        Assert.Equal(await File.ReadAllBytesAsync(candidate), await File.ReadAllBytesAsync(options.ModelPath));
        Assert.Contains("\"alreadyLive\":false", first, StringComparison.Ordinal);
        Assert.Contains("\"alreadyLive\":true", second, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(options.ModelPath)!, "*.tmp"));
    }

    [Fact]
    public async Task DecideAsync_NoReviewerCorrections_ProposesKeepingTheModel()
    {
        var options = Microsoft.Extensions.Options.Options.Create(fixture.Options);
        var sut = new RetrainClassifierBot(
            fixture.Model, fixture.Store, fixture.Store,
            new PostTextReader(new DocumentReader(new DocumentLimits(), fixture.Ocr)),
            options, TimeProvider.System, NullLogger<RetrainClassifierBot>.Instance);
        var item = (await fixture.Store.EnqueueAsync(
            new NewWorkItem(RetrainClassifierBot.BotName, "schedule:retrain-classifier:1", "{}"), "test", CancellationToken.None)).Item;

        var decision = await sut.DecideAsync(new BotInput(item, fixture.Blobs), CancellationToken.None);

        Assert.Equal("keep", decision.Category);
        using var outcome = JsonDocument.Parse(decision.OutcomeJson!);
        Assert.False(outcome.RootElement.GetProperty("promote").GetBoolean());
        Assert.Equal(195, outcome.RootElement.GetProperty("heldOutExamples").GetInt32());
    }
}
