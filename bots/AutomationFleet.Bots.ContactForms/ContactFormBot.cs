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
/// With <c>ContactForms:NewPerson</c> Create, a typed form (web or JSON file) about someone who resembles no record,
/// naming them fully (given name, surname, complete date of birth), is proposed as a new person instead: the fleet
/// opens their record and writes the note there.
/// </summary>
public sealed class ContactFormBot : IBot
{
    /// <summary>The bot's name in configuration, thresholds and audit entries.</summary>
    public const string BotName = "contact-forms";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IPersonFinder _finder;
    private readonly ContactFormsOptions _options;
    private readonly ILogger<ContactFormBot> _logger;

    public ContactFormBot(
        IPersonFinder finder, IOptions<ContactFormsOptions> options, ICaseNoteWriter caseNotes, ICaseRecordCreator caseRecords, ILogger<ContactFormBot> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caseNotes);
        ArgumentNullException.ThrowIfNull(caseRecords);
        _finder = finder;
        _options = options.Value;
        _logger = logger;

        // Both steps always: an outcome decided while NewPerson was Create still opens its record after a switch to Review.
        DeliverySteps = [new NewPersonStep(caseRecords, caseNotes, NewPersonFor), new CaseNoteStep(caseNotes, NoteFor)];
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
            // The reason (which may quote the form) is kept with the item; the log has the reference and the kind of fault.
            _logger.LogWarning("Item {Reference} is not a contact form ({ErrorType})", item.Reference, exception.GetType().Name);
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
            return Task.FromResult(NewPersonDecision(item.Reference, form, candidates, evidence));
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

    /// <summary>The note a decided outcome writes: on the matched record; none for a new person (<see cref="NewPersonFor"/> writes theirs).</summary>
    internal static CaseNoteRequest? NoteFor(DeliveryContext context)
    {
        var outcome = OutcomeOf(context);
        return outcome.Decision switch
        {
            ContactFormDecisions.Match => new CaseNoteRequest(outcome.CaseRecordId ?? "", outcome.Note),
            ContactFormDecisions.NewPerson => null,
            _ => throw new PermanentDeliveryException($"The outcome's decision '{outcome.Decision}' is neither '{ContactFormDecisions.Match}' nor '{ContactFormDecisions.NewPerson}'."),
        };
    }

    /// <summary>The record a decided outcome opens, with its first note: only for a new person the bot proposed.</summary>
    internal static NewPersonAndNote? NewPersonFor(DeliveryContext context)
    {
        var outcome = OutcomeOf(context);
        return outcome is { Decision: ContactFormDecisions.NewPerson, NewRecord: { } person } ? new NewPersonAndNote(person, outcome.Note) : null;
    }

    /// <summary>
    /// Why a form about someone who resembles no record cannot open their record automatically; none when it can:
    /// typed by the sender (never read by OCR), naming them fully enough for the system to open a record.
    /// </summary>
    internal static IReadOnlyList<string> WhyNotNewPerson(ContactForm form, out NewPersonRequest? person)
    {
        person = null;
        var why = new List<string>();
        if (form.ReadByOcr || form.Channel is not (FormChannel.Web or FormChannel.Folder))
        {
            why.Add("it came by post, and details read from a letter are never enough to open a record automatically");
        }

        var p = form.Person;
        if (string.IsNullOrWhiteSpace(p.GivenName) || string.IsNullOrWhiteSpace(p.Surname))
        {
            why.Add("it lacks a given name or a surname");
        }

        if (!BirthDate.TryParse(p.DateOfBirth, out var born) || !born.IsComplete)
        {
            why.Add("it lacks a complete date of birth (day, month and year)");
        }

        if (why.Count == 0)
        {
            person = new NewPersonRequest(p.GivenName!, p.Surname!, new DateOnly(born.Year, born.Month, born.Day), p.Address, p.Postcode);
        }

        return why;
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

    // No record resembles the person. With Create and a complete typed form this is a proposal like any other: its
    // confidence is the engine's probability that none of the nearest records is them (one minus theirs, summed), so
    // the confidence policy still sends a near miss to a person. Otherwise a person decides, told why not automatic.
    private BotDecision NewPersonDecision(string reference, ContactForm form, IReadOnlyList<EvidenceCandidate> candidates, string evidence)
    {
        const string NoOne = "No case record resembles the person on the form: a new person, or details too far from the record to find it.";
        if (!_options.CreatesNewPeople)
        {
            return BotDecision.NeedsPerson(NoOne, evidenceJson: evidence);
        }

        var why = WhyNotNewPerson(form, out var person);
        if (person is null)
        {
            _logger.LogInformation("Item {Reference}: no record resembles the person; not a new person automatically ({Problems} problem(s))", reference, why.Count);
            return BotDecision.NeedsPerson($"{NoOne} Not opened automatically: {string.Join("; ", why)}.", evidenceJson: evidence);
        }

        var confidence = Math.Clamp(1 - candidates.Sum(c => c.Probability), 0, 1);
        var outcome = JsonSerializer.Serialize(new ContactFormOutcome(ContactFormDecisions.NewPerson, null, 0, form.Message, person), JsonOptions);
        return BotDecision.Propose(ContactFormDecisions.NewPerson, outcome, confidence, evidence) with { Service = _options.Service };
    }

    private static ContactFormOutcome OutcomeOf(DeliveryContext context) =>
        JsonSerializer.Deserialize<ContactFormOutcome>(context.Outcome.OutcomeJson, JsonOptions)
        ?? throw new PermanentDeliveryException("The decided outcome is empty.");

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
