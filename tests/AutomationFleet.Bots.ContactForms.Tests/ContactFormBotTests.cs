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
        _bot = new ContactFormBot(SampleIndex.Finder(), Options.Create(new ContactFormsOptions()), new RefusingCaseNotes(), NullLogger<ContactFormBot>.Instance);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

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
        static Core.Delivery.DeliveryContext Context(string outcome) =>
            new(ContactFormReaderTests.Item("{}"), new Core.WorkItems.ItemOutcome(outcome, 1, "reviewer:ada"), "k");

        Assert.Null(ContactFormBot.NoteFor(Context("""{"decision":"new-person","probability":0,"note":"n"}""")));
        Assert.Equal(new CaseNoteRequest("CR1", "n"), ContactFormBot.NoteFor(Context("""{"decision":"match","caseRecordId":"CR1","probability":1,"note":"n"}""")));
    }

    private Task<BotDecision> DecideAsync(string payload) =>
        _bot.DecideAsync(new BotInput(ContactFormReaderTests.Item(payload), _blobs), CancellationToken.None);

    private static ContactFormOutcome Outcome(BotDecision decision) =>
        JsonSerializer.Deserialize<ContactFormOutcome>(decision.OutcomeJson!, Web)!;

    private static string Handoff(string origin, params (string Name, string Value)[] fields) =>
        HandoffJson.Serialize(new Core.Handoff.Handoff("inbox:letter", "inbound-post", "adult-social-care-contact", 0.99, [],
            fields.Select(f => new HandoffField(f.Name, f.Value, 0.9, origin, 1)).ToList()));
}
