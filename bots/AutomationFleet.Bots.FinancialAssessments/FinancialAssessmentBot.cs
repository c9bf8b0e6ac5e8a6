using System.Text.Json;
using AutomationFleet.Bots.FinancialAssessments.Assessments;
using AutomationFleet.Bots.FinancialAssessments.Delivery;
using AutomationFleet.Bots.FinancialAssessments.Intake;
using AutomationFleet.Bots.FinancialAssessments.Letters;
using AutomationFleet.Bots.FinancialAssessments.Review;
using AutomationFleet.Connectors.Mail;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Handoff;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// Consumes <c>financial-assessments</c>: reads the assessment (the online form's JSON, a JSON file from the watched
/// folder, or a paper form handed over by inbound post), works out the weekly charge and proposes it; the delivery
/// steps print the letter or e-mail it, as the document's <c>delivery</c> block says. A paper form always goes to a
/// person, its figures never trusted; so does a document that cannot be worked out (each problem named), and one that a
/// review rule (<see cref="AssessmentReviewRules"/>) flags, with the calculation shown.
/// </summary>
public sealed class FinancialAssessmentBot : IBot
{
    /// <summary>The bot's name in configuration, thresholds and audit entries.</summary>
    public const string BotName = "financial-assessments";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ChargeAssessor _assessor;
    private readonly ChargeLetterWriter _letters;
    private readonly FinancialAssessmentsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FinancialAssessmentBot> _logger;

    /// <param name="mail">
    /// The mail connector's sender, when the host registers it (<c>AddSmtpMail</c>); without it a case that asks for
    /// e-mail goes to a person, naming the missing setting.
    /// </param>
    public FinancialAssessmentBot(
        ChargeAssessor assessor,
        ChargeLetterWriter letters,
        IOptions<FinancialAssessmentsOptions> options,
        TimeProvider timeProvider,
        ILogger<FinancialAssessmentBot> logger,
        SmtpMailSender? mail = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _assessor = assessor;
        _letters = letters;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        // Both steps run for every case and each skips the other's: the ledger then shows which one sent the letter.
        DeliverySteps = [new PrintLetterStep(LetterFor, _options.PrintFolder), new EmailLetterStep(LetterFor, mail, new MailboxAddress(_options.Letter.TeamName, _options.Letter.Email))];
    }

    public string Name => BotName;

    public string Queue => _options.Queue;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Item;
        AssessmentForm form;
        try
        {
            form = AssessmentFormReader.Read(item, input.Blobs);
        }
        catch (Exception exception) when (exception is AssessmentFormatException or HandoffFormatException)
        {
            // The reason (which may quote the form) is kept with the item; the log has the reference and the kind of fault.
            _logger.LogWarning("Item {Reference} is not a financial-assessment form ({ErrorType})", item.Reference, exception.GetType().Name);
            return Task.FromResult(BotDecision.RuleSaysNo($"Not a financial-assessment form: {exception.Message}"));
        }

        var evaluation = AssessmentEvaluation.Of(_assessor, form.Document);
        var evidence = JsonSerializer.Serialize(
            new FinancialAssessmentEvidence(form.Channel, form.ReadByOcr, form.Document, evaluation.Problems, evaluation.Breakdown), JsonOptions);
        BotDecision decision;
        if (form.ReadByOcr)
        {
            decision = BotDecision.NeedsPerson(
                "A paper form: figures read by OCR are never trusted. Enter or check every figure from the form; the charge is worked out when you submit.",
                evidenceJson: evidence);
        }
        else if (evaluation is not { Assessment: { } assessment, Breakdown: { } breakdown })
        {
            decision = new BotDecision(BotDecisionKind.NeedsPerson, null, null, 0, evidence,
                [$"The charge cannot be worked out from the form: {evaluation.Problems.Count} problem(s), each naming its field.", .. evaluation.Problems], false);
        }
        else
        {
            var outcome = JsonSerializer.Serialize(new FinancialAssessmentOutcome(breakdown.Reference, form.Document, breakdown.WeeklyCharge, breakdown.Year), JsonOptions);
            var reasons = AssessmentReviewRules.Check(assessment, breakdown, _options);
            // The calculation is exact given its figures, so a typed form no rule flags is certain; the flagged ones a person decides, the calculation shown.
            decision = reasons.Count == 0
                ? BotDecision.Propose(FinancialAssessmentDecisions.Assessed, outcome, 1.0, evidence)
                : new BotDecision(BotDecisionKind.NeedsPerson, FinancialAssessmentDecisions.Assessed, outcome, 1.0, evidence, reasons, false);
        }

        _logger.LogInformation(
            "Item {Reference} ({Channel}): {Decision}, {Problems} problem(s), {Reasons} reason(s) for review",
            item.Reference, form.Channel, decision.Kind, evaluation.Problems.Count, decision.Reasons.Count);
        return Task.FromResult(decision with { Service = _options.Service });
    }

    public string? ServiceOf(string outcomeJson) => _options.Service;

    /// <summary>
    /// The letter for a decided outcome, worked out again from its document; a charge that no longer agrees with the
    /// decided one (the rates changed since) is refused, so the letter never carries a figure nobody decided.
    /// </summary>
    internal DecidedLetter LetterFor(DeliveryContext context)
    {
        var outcome = JsonSerializer.Deserialize<FinancialAssessmentOutcome>(context.Outcome.OutcomeJson, JsonOptions)
            ?? throw new PermanentDeliveryException("The decided outcome is empty.");
        var evaluation = AssessmentEvaluation.Of(_assessor, outcome.Document);
        if (evaluation is not { Assessment: { } assessment, Breakdown: { } breakdown })
        {
            throw new PermanentDeliveryException($"The decided assessment can no longer be worked out: {string.Join("; ", evaluation.Problems)}");
        }

        if (breakdown.WeeklyCharge != outcome.WeeklyCharge)
        {
            throw new PermanentDeliveryException(
                $"The charge works out at {breakdown.WeeklyCharge:0.00} now, not the {outcome.WeeklyCharge:0.00} decided (have the {breakdown.Year} rates changed?); review it again.");
        }

        var largePrint = assessment.Addressee?.LargePrint ?? false;
        var today = DateOnly.FromDateTime(_timeProvider.GetLocalNow().DateTime);
        return new DecidedLetter(
            assessment.Reference, breakdown.WeeklyCharge, largePrint, assessment.Addressee, assessment.Delivery ?? LetterDelivery.Post,
            () => _letters.Write(breakdown, assessment.Addressee, today, largePrint));
    }
}
