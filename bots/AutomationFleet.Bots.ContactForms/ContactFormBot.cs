using System.Globalization;
using System.Text.Json;
using AutomationFleet.Bots.ContactForms.Forms;
using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Matching.Normalisation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// Consumes <c>contact-forms</c>: reads the form, finds the person among the case records, and proposes writing the
/// form's message as a case note on the one record that is clearly them. Anything less than clear goes to a person with
/// the ranked candidates: two records close together, no plausible record (a new person?), or a letter whose fields were
/// read by OCR without a strong identifier agreeing (an NHS number with a valid check digit and the same date of birth).
/// </summary>
public sealed class ContactFormBot : IBot
{
    /// <summary>The bot's name in configuration, thresholds and audit entries.</summary>
    public const string BotName = "contact-forms";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IPersonFinder _finder;
    private readonly ContactFormsOptions _options;
    private readonly ILogger<ContactFormBot> _logger;

    public ContactFormBot(IPersonFinder finder, IOptions<ContactFormsOptions> options, ICaseNoteWriter caseNotes, ILogger<ContactFormBot> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caseNotes);
        _finder = finder;
        _options = options.Value;
        _logger = logger;
        DeliverySteps = [new CaseNoteStep(caseNotes, NoteFor)];
    }

    public string Name => BotName;

    public string Queue => _options.Queue;

    public IReadOnlyList<IDeliveryStep> DeliverySteps { get; }

    public Task<BotDecision> DecideAsync(BotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Item;
        ContactForm form;
        try
        {
            form = ContactFormReader.Read(item, input.Blobs);
        }
        catch (Exception exception) when (exception is ContactFormFormatException or Core.Handoff.HandoffFormatException)
        {
            _logger.LogWarning("Item {Reference} is not a contact form: {Problem}", item.Reference, exception.Message);
            return Task.FromResult(BotDecision.RuleSaysNo($"Not a contact form: {exception.Message}"));
        }

        var candidates = _finder.Find(form.Person, _options.MaxCandidates);
        var evidence = JsonSerializer.Serialize(Evidence(form, candidates), JsonOptions);
        var plausible = candidates.Where(c => c.Probability >= _finder.ReviewThreshold).ToList();
        _logger.LogInformation(
            "Item {Reference} ({Channel}): {Candidates} candidate(s), best {Best:0.0000}",
            item.Reference, form.Channel, plausible.Count, plausible.Count > 0 ? plausible[0].Probability : 0);
        if (plausible.Count == 0)
        {
            return Task.FromResult(BotDecision.NeedsPerson(
                "No case record resembles the person on the form: a new person, or details too far from the record to find it.",
                evidenceJson: evidence));
        }

        var best = plausible[0];
        var outcome = JsonSerializer.Serialize(new ContactFormOutcome(ContactFormDecisions.Match, best.CaseRecordId, best.Probability, form.Message), JsonOptions);
        var reasons = new List<string>();
        if (plausible.Count > 1 && best.Probability - plausible[1].Probability < _options.MinimumMargin)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"Two records are close: {best.Probability:0.000} and {plausible[1].Probability:0.000} (a clear match needs a margin of {_options.MinimumMargin:0.00})."));
        }

        if (form.ReadByOcr && !StrongIdentifierAgrees(form.Person, best))
        {
            reasons.Add("The details were read from a letter by OCR, and no NHS number with a valid check digit and the same date of birth confirms the record.");
        }

        var decision = reasons.Count == 0
            ? BotDecision.Propose(ContactFormDecisions.Match, outcome, best.Probability, evidence)
            : new BotDecision(BotDecisionKind.NeedsPerson, ContactFormDecisions.Match, outcome, best.Probability, evidence, reasons, false);
        // No fitted threshold: the confidence policy's (Confidence:Bots:contact-forms, or an administrator's override
        // proposed from reviewed forms) decides, as for every bot.
        return Task.FromResult(decision with { Service = _options.Service });
    }

    public string? ServiceOf(string outcomeJson) => _options.Service;

    /// <summary>The note a decided outcome writes: on the matched record; none for a new person.</summary>
    internal static CaseNoteRequest? NoteFor(DeliveryContext context)
    {
        var outcome = JsonSerializer.Deserialize<ContactFormOutcome>(context.Outcome.OutcomeJson, JsonOptions)
            ?? throw new PermanentDeliveryException("The decided outcome is empty.");
        return outcome.Decision switch
        {
            ContactFormDecisions.Match => new CaseNoteRequest(outcome.CaseRecordId ?? "", outcome.Note),
            ContactFormDecisions.NewPerson => null,
            _ => throw new PermanentDeliveryException($"The outcome's decision '{outcome.Decision}' is neither '{ContactFormDecisions.Match}' nor '{ContactFormDecisions.NewPerson}'."),
        };
    }

    /// <summary>The rule for OCR-read letters: the NHS number is valid and agrees exactly, and so does the date of birth.</summary>
    internal static bool StrongIdentifierAgrees(FormPerson person, EvidenceCandidate candidate)
    {
        if (person.NhsNumber is null || !NhsNumber.IsValid(NhsNumber.Normalise(person.NhsNumber)))
        {
            return false;
        }

        bool Exact(string field) => candidate.Fields.Any(f => f.Field == field && f.Level == "exact");
        return Exact("nhs_number") && Exact("date_of_birth");
    }

    private ContactFormEvidence Evidence(ContactForm form, IReadOnlyList<EvidenceCandidate> candidates)
    {
        var p = form.Person;
        var fields = new (string, string?)[]
        {
            ("given_name", p.GivenName), ("surname", p.Surname), ("date_of_birth", p.DateOfBirth), ("sex", p.Sex),
            ("address", p.Address), ("postcode", p.Postcode), ("phone", p.Phone), ("email", p.Email), ("nhs_number", p.NhsNumber),
        };
        return new ContactFormEvidence(
            form.Channel,
            form.ReadByOcr,
            fields.Where(f => f.Item2 is not null).Select(f => new EvidenceField(f.Item1, f.Item2!)).ToList(),
            form.Message,
            candidates,
            _finder.ReviewThreshold,
            _options.MinimumMargin);
    }
}
