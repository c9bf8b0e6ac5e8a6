using System.Text;
using System.Text.Json;
using AutomationFleet.Connectors.CaseNotes;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Handoff;
using AutomationFleet.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms.Tests;

/// <summary>The bot's decisions against the real index of the sample case-record extract (3,000 people).</summary>
public sealed class ContactFormBotTests : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _root = Directory.CreateTempSubdirectory("fleet-contact-").FullName;
    private readonly ContactFormBot _bot;
    private readonly FileBlobStore _blobs;

    public ContactFormBotTests()
    {
        _blobs = new FileBlobStore(Path.Combine(_root, "blobs"));
        _bot = new ContactFormBot(SampleIndex.Finder(), Options.Create(new ContactFormsOptions()), new RefusingCaseNotes(), new RefusingCaseNotes(), NullLogger<ContactFormBot>.Instance);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string NewPersonForm =
        """{"person":{"givenName":"Zebedee","surname":"Quarrington-Vance","dateOfBirth":"01/02/2001","postcode":"ZZ9 9ZZ"},"message":"I need support at home."}""";

    [Fact]
    public async Task DecideAsync_WebFormWithTyposAndUkDate_ProposesTheRecordAboveThreshold()
    {
        var decision = await DecideAsync("""{"person":{"givenName":"Favian","surname":"Nicolaus","dateOfBirth":"12/03/1984","postcode":"so7 4dt"},"message":"My mother needs help at home."}""");

        Assert.Equal(BotDecisionKind.Proposal, decision.Kind);
        var outcome = Outcome(decision);
        Assert.Equal(("match", "CR100006", "My mother needs help at home."), (outcome.Decision, outcome.CaseRecordId, outcome.Note));
        Assert.Null(decision.FittedThreshold);
        Assert.True(ShippedPolicy().Evaluate(ContactFormBot.BotName, decision).IsAutomatic, $"{decision.Confidence} not automatic");
        Assert.Equal("Adult Social Care front door", decision.Service);
    }

    [Fact]
    public async Task DecideAsync_ThresholdOverridden_PolicyUsesTheOverrideNotAFixedValue()
    {
        var decision = await DecideAsync("""{"person":{"givenName":"Favian","surname":"Nicolaus","dateOfBirth":"12/03/1984","postcode":"so7 4dt"},"message":"My mother needs help at home."}""");
        var above = new ThresholdOverride(ContactFormBot.BotName, null, Math.Min(1, decision.Confidence + 1e-9), "ada", DateTimeOffset.UnixEpoch, "stricter");

        var verdict = ShippedPolicy().Evaluate(ContactFormBot.BotName, decision, new ThresholdOverrideSet([above]));

        Assert.False(verdict.IsAutomatic);
        Assert.Equal(above.Threshold, verdict.Threshold);
    }

    // The policy as config/bots.json configures it for this bot.
    private static ConfidencePolicy ShippedPolicy()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Repository.File("config", "bots.json")).Build();
        var monitor = new ServiceCollection().Configure<ConfidenceOptions>(configuration.GetSection(ConfidenceOptions.SectionName))
            .BuildServiceProvider().GetRequiredService<IOptionsMonitor<ConfidenceOptions>>();
        Assert.Equal(0.999, monitor.CurrentValue.Bots[ContactFormBot.BotName].Threshold);
        return new ConfidencePolicy(monitor);
    }

    [Fact]
    public async Task DecideAsync_MovedHouseAndNickname_StillFoundFirst()
    {
        var decision = await DecideAsync("""{"person":{"givenName":"Ted","surname":"Bayer","dateOfBirth":"1935-04-24","postcode":"LS1 4AP","address":"2 New Road, Leeds"},"message":"Moved to Leeds."}""");

        using var evidence = JsonDocument.Parse(decision.EvidenceJson);
        Assert.Equal("CR100007", evidence.RootElement.GetProperty("candidates")[0].GetProperty("caseRecordId").GetString());
    }

    [Fact]
    public async Task DecideAsync_NobodyLikeThem_ToAPersonAsPossiblyNew()
    {
        var decision = await DecideAsync("""{"person":{"givenName":"Zebedee","surname":"Quarrington-Vance","dateOfBirth":"2001-01-01","postcode":"ZZ9 9ZZ"},"message":"Hello."}""");

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains("No case record resembles", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_CreateAndWebFormAboutNobodyOnRecord_NewPersonDecidedAutomatically()
    {
        var decision = await DecideAsync(NewPersonForm, CreatingBot());

        Assert.Equal((BotDecisionKind.Proposal, "new-person"), (decision.Kind, decision.Category));
        Assert.True(ShippedPolicy().Evaluate(ContactFormBot.BotName, decision).IsAutomatic, $"{decision.Confidence} not automatic");
        var outcome = Outcome(decision);
        Assert.Equal(("new-person", null, "I need support at home."), (outcome.Decision, outcome.CaseRecordId, outcome.Note));
        Assert.Equal(new NewPersonRequest("Zebedee", "Quarrington-Vance", new DateOnly(2001, 2, 1), null, "ZZ9 9ZZ"), outcome.NewRecord);
        Assert.Equal("Adult Social Care front door", decision.Service);
    }

    [Fact]
    public async Task DecideAsync_CreateAndJsonFileAboutNobodyOnRecord_NewPersonDecidedAutomatically()
    {
        var file = await _blobs.PutAsync("form.json", "application/json", new MemoryStream(Encoding.UTF8.GetBytes(NewPersonForm)), CancellationToken.None);

        var decision = await CreatingBot().DecideAsync(
            new BotInput(ContactFormReaderTests.Item("""{"source":"inbox","attachment":0}""", file), _blobs), CancellationToken.None);

        Assert.Equal((BotDecisionKind.Proposal, "new-person"), (decision.Kind, decision.Category));
        Assert.True(ShippedPolicy().Evaluate(ContactFormBot.BotName, decision).IsAutomatic, $"{decision.Confidence} not automatic");
    }

    [Fact]
    public async Task DecideAsync_CreateAndOcrLetterAboutNobodyOnRecord_ToAPerson()
    {
        var letter = Handoff(HandoffOrigins.Ocr, ("given-name", "Zebedee"), ("surname", "Quarrington-Vance"), ("date-of-birth", "2001-02-01"), ("postcode", "ZZ9 9ZZ"));

        var decision = await DecideAsync(letter, CreatingBot());

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains("came by post", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2001")]
    [InlineData("NA/02/2001")]
    [InlineData("31/02/2001")]
    public async Task DecideAsync_CreateAndNoCompleteDateOfBirth_ToAPerson(string dateOfBirth)
    {
        var form = NewPersonForm.Replace("01/02/2001", dateOfBirth, StringComparison.Ordinal);

        var decision = await DecideAsync(form, CreatingBot());

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains("complete date of birth", Assert.Single(decision.Reasons), StringComparison.Ordinal);
        Assert.Null(decision.OutcomeJson);
    }

    [Fact]
    public async Task DecideAsync_CreateAndNoSurname_ToAPerson()
    {
        var decision = await DecideAsync(NewPersonForm.Replace("\"surname\":\"Quarrington-Vance\",", "", StringComparison.Ordinal), CreatingBot());

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains("given name or a surname", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_ReviewAndWebFormAboutNobodyOnRecord_ToAPersonAsBefore()
    {
        var bot = new ContactFormBot(
            SampleIndex.Finder(), Options.Create(new ContactFormsOptions { NewPerson = NewPersonModes.Review }), new RefusingCaseNotes(), new RefusingCaseNotes(),
            NullLogger<ContactFormBot>.Instance);

        var decision = await DecideAsync(NewPersonForm, bot);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Equal(
            "No case record resembles the person on the form: a new person, or details too far from the record to find it.", Assert.Single(decision.Reasons));
    }

    [Fact]
    public async Task DecideAsync_CreateAndClearMatch_StillAMatch()
    {
        var decision = await DecideAsync(
            """{"person":{"givenName":"Favian","surname":"Nicolaus","dateOfBirth":"12/03/1984","postcode":"so7 4dt"},"message":"x"}""", CreatingBot());

        Assert.Equal(("match", "CR100006"), (decision.Category, Outcome(decision).CaseRecordId));
    }

    [Fact]
    public async Task DecideAsync_OcrLetterWithoutNhsNumber_ToAPersonEvenIfLikely()
    {
        var decision = await DecideAsync(Handoff(HandoffOrigins.Ocr, ("date-of-birth", "1954-11-20"), ("postcode", "PO41 5FJ"), ("phone", "07700 900043")));

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains(decision.Reasons, r => r.Contains("OCR", StringComparison.Ordinal));
        Assert.Equal("CR100002", Outcome(decision).CaseRecordId);
    }

    [Fact]
    public async Task DecideAsync_OcrLetterWithNhsNumberAndDateOfBirth_Proposed()
    {
        var decision = await DecideAsync(Handoff(HandoffOrigins.Ocr, ("nhs-number", "999 411 4360"), ("date-of-birth", "1954-11-20"), ("postcode", "PO41 5FJ")));

        Assert.Equal(BotDecisionKind.Proposal, decision.Kind);
        Assert.Equal("CR100002", Outcome(decision).CaseRecordId);
    }

    [Fact]
    public async Task DecideAsync_NotAForm_RuleSaysNoWithTheReason()
    {
        var decision = await DecideAsync("""{"person":{},"message":"x"}""");

        Assert.Equal(BotDecisionKind.RuleSaysNo, decision.Kind);
        Assert.Contains("names no one", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_EveryCandidate_ExplanationAddsUpToItsWeight()
    {
        var decision = await DecideAsync("""{"person":{"givenName":"Elena","surname":"Mills","dateOfBirth":"1954-11-20"},"message":"x"}""");

        var evidence = JsonSerializer.Deserialize<ContactFormEvidence>(decision.EvidenceJson, Web)!;
        Assert.NotEmpty(evidence.Candidates);
        Assert.All(evidence.Candidates, c => Assert.Equal(c.MatchWeight, c.PriorBits + c.Fields.Sum(f => f.Bits), 6));
    }

    [Fact]
    public void NoteFor_NewPerson_NoNoteAndMatch_TheRecord()
    {
        Assert.Null(ContactFormBot.NoteFor(Context("""{"decision":"new-person","probability":0,"note":"n"}""")));
        Assert.Equal(new CaseNoteRequest("CR1", "n"), ContactFormBot.NoteFor(Context("""{"decision":"match","caseRecordId":"CR1","probability":1,"note":"n"}""")));
    }

    [Fact]
    public void NewPersonFor_OnlyANewPersonTheBotProposed_OpensARecord()
    {
        var proposed = """{"decision":"new-person","probability":0,"note":"n","newRecord":{"givenName":"A","surname":"B","dateOfBirth":"2001-02-01"}}""";

        Assert.Equal(
            new NewPersonAndNote(new NewPersonRequest("A", "B", new DateOnly(2001, 2, 1), null, null), "n"),
            ContactFormBot.NewPersonFor(Context(proposed)));
        Assert.Null(ContactFormBot.NoteFor(Context(proposed)));
        Assert.Null(ContactFormBot.NewPersonFor(Context("""{"decision":"new-person","probability":0,"note":"n"}""")));
        Assert.Null(ContactFormBot.NewPersonFor(Context("""{"decision":"match","caseRecordId":"CR1","probability":1,"note":"n"}""")));
    }

    private static Core.Delivery.DeliveryContext Context(string outcome) =>
        new(ContactFormReaderTests.Item("{}"), new Core.WorkItems.ItemOutcome(outcome, 1, "bot"), "k");

    private static ContactFormBot CreatingBot() => new(
        SampleIndex.Finder(), Options.Create(new ContactFormsOptions { NewPerson = NewPersonModes.Create }), new RefusingCaseNotes(), new RefusingCaseNotes(),
        NullLogger<ContactFormBot>.Instance);

    private Task<BotDecision> DecideAsync(string payload, ContactFormBot? bot = null) =>
        (bot ?? _bot).DecideAsync(new BotInput(ContactFormReaderTests.Item(payload), _blobs), CancellationToken.None);

    private static ContactFormOutcome Outcome(BotDecision decision) =>
        JsonSerializer.Deserialize<ContactFormOutcome>(decision.OutcomeJson!, Web)!;

    private static string Handoff(string origin, params (string Name, string Value)[] fields) =>
        HandoffJson.Serialize(new Core.Handoff.Handoff("inbox:letter", "inbound-post", "adult-social-care-contact", 0.99, [],
            fields.Select(f => new HandoffField(f.Name, f.Value, 0.9, origin, 1)).ToList()));
}
