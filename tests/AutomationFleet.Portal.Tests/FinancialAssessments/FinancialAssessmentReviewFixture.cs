using AutomationFleet.Bots.FinancialAssessments;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Rates;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Review.Forms;
using AutomationFleet.Core.WorkItems;
using AutomationFleet.Portal.Tests.Correction;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Portal.Tests.FinancialAssessments;

/// <summary>
/// Sample FA-3 (a care-home resident who owns a house), twice, decided by the real financial-assessment bot over the shipped
/// rates and sent to review by the real runner, with the bot's review form in the portal and a print folder in the
/// fixture's temp folder. Account: "fiona" (granted financial-assessments).
/// </summary>
public sealed class FinancialAssessmentReviewFixture() : BotReviewFixture("fiona")
{
    public const string Reference = "inbox-financial-assessments:fa-3";

    /// <summary>A second copy of FA-3 in review, for the reviewer without JavaScript.</summary>
    public const string NoScriptReference = "inbox-financial-assessments:fa-3-no-script";

    public WorkItem Item { get; private set; } = null!;

    public WorkItem NoScriptItem { get; private set; } = null!;

    /// <summary>The assessment document sent to review (sample FA-3).</summary>
    public string Document { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "FA-3.json"));

    public string PrintFolder => Path.Combine(Root, "print");

    public ChargeAssessor Assessor { get; } =
        new(ChargingRates.Load(Path.Combine(AppContext.BaseDirectory, "Samples", "charging")), new LocalChargingPolicy());

    protected override Task<(IBot Bot, ConfidenceOptions Confidence, IReadOnlyList<IReviewForm> Forms)> CreateBotAsync()
    {
        var options = new FinancialAssessmentsOptions { PrintFolder = PrintFolder };
        var bot = new FinancialAssessmentBot(
            Assessor, new ChargeLetterWriter(options.Letter), Options.Create(options), TimeProvider.System, NullLogger<FinancialAssessmentBot>.Instance);
        return Task.FromResult<(IBot, ConfidenceOptions, IReadOnlyList<IReviewForm>)>((bot, new ConfidenceOptions(), [new FinancialAssessmentReviewForm(Assessor)]));
    }

    protected override async Task SeedAsync()
    {
        Item = (await SendToReviewAsync(Reference, Document)).Item;
        NoScriptItem = (await SendToReviewAsync(NoScriptReference, Document)).Item;
    }
}
