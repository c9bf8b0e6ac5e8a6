using System.Text.Json;
using AutomationFleet.Bots.InboundPost;
using AutomationFleet.Bots.InboundPost.Taxonomy;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Documents.Ocr;
using AutomationFleet.Portal.Tests.InboundPost;

namespace AutomationFleet.Portal.Tests.Correction;

/// <summary>
/// A letter read and decided by the real inbound-post bot and sent to review by the real <see cref="BotRunner"/>
/// (every category is configured never automatic, so it always goes to a person), in its own temp store with a portal
/// over it. <see cref="BotReviewFixture.RunAgainAsync"/> runs it on after a reviewer's decision. Account: "cora"
/// (granted inbound-post).
/// </summary>
public sealed class CorrectionFixture() : BotReviewFixture("cora")
{
    public const string Reference = "inbox:correct-any-category";

    /// <summary>A second letter, to be corrected to a category the bot does not know.</summary>
    public const string UnknownReference = "inbox:correct-unknown-category";

    private const string Letter =
        "Dear Sir or Madam, I am writing to renew my Blue Badge which expires next month. My badge number is on the "
        + "enclosed copy. I have limited mobility and rely on the badge for parking near the hospital. Yours faithfully";

    private OcrEnginePool? _ocr;

    public InboundPostBot Bot { get; private set; } = null!;

    public CouncilTaxonomy Taxonomy { get; private set; } = null!;

    public WorkItem Item { get; private set; } = null!;

    public WorkItem UnknownItem { get; private set; } = null!;

    /// <summary>The bot's evidence as stored with the review task.</summary>
    public string EvidenceJson { get; private set; } = "";

    protected override Task<(IBot Bot, ConfidenceOptions Confidence, IReadOnlyList<IReviewForm> Forms)> CreateBotAsync()
    {
        Taxonomy = TestInboundPost.Taxonomy();
        _ocr = new OcrEnginePool(new OcrOptions { MaxEngines = 1 });
        Bot = TestInboundPost.CreateBot(Root, Store, Blobs, _ocr);
        var confidence = new ConfidenceOptions();
        confidence.Bots[InboundPostBot.BotName] = new BotConfidenceOptions { NeverAutomatic = Taxonomy.Categories.Select(c => c.Id).ToList() };
        return Task.FromResult<(IBot, ConfidenceOptions, IReadOnlyList<IReviewForm>)>((Bot, confidence, []));
    }

    protected override async Task SeedAsync()
    {
        var payload = JsonSerializer.Serialize(new { subject = "Blue Badge renewal", text = Letter });
        var (item, task) = await SendToReviewAsync(Reference, payload);
        Item = item;
        EvidenceJson = task.Request.EvidenceJson;
        UnknownItem = (await SendToReviewAsync(UnknownReference, payload)).Item;
    }

    protected override Task DisposeBotAsync()
    {
        _ocr?.Dispose();
        return Task.CompletedTask;
    }
}
