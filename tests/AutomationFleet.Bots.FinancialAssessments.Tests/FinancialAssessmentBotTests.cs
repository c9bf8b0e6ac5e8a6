using AutomationFleet.Bots.FinancialAssessments.Tests.Letters;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Handoff;

namespace AutomationFleet.Bots.FinancialAssessments.Tests;

public sealed class FinancialAssessmentBotTests : IDisposable
{
    private readonly BotTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task DecideAsync_FolderFileNoRuleFlags_ProposesTheChargeWithCertainty()
    {
        var decision = await _kit.DecideFileAsync(ChargeLetterWriterTests.Sample("FA-2"));

        Assert.Equal(BotDecisionKind.Proposal, decision.Kind);
        Assert.Equal(1.0, decision.Confidence);
        var outcome = BotTestKit.Outcome(decision.OutcomeJson!);
        Assert.Equal(ChargeLetterWriterTests.Assessor.Assess(ChargeLetterWriterTests.Sample("FA-2")).WeeklyCharge, outcome.WeeklyCharge);
        Assert.Equal(("FA-2", "2025-26"), (outcome.Reference, outcome.Year));
        Assert.Equal("folder", BotTestKit.Evidence(decision).Channel);
        Assert.Equal("Adult Social Care financial assessments", decision.Service);
    }

    [Fact]
    public async Task DecideAsync_WebPayload_ReadsTheDocumentFromThePayload()
    {
        var decision = await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-1"));

        Assert.Equal(BotDecisionKind.Proposal, decision.Kind);
        Assert.Equal("web", BotTestKit.Evidence(decision).Channel);
        Assert.Equal(250.00m, BotTestKit.Outcome(decision.OutcomeJson!).WeeklyCharge);
    }

    [Fact]
    public async Task DecideAsync_RuleFlagsTheCase_ToAPersonWithTheCalculationShown()
    {
        var decision = await _kit.DecideFileAsync(ChargeLetterWriterTests.Sample("FA-3"));

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.NotNull(decision.OutcomeJson);
        Assert.NotNull(BotTestKit.Evidence(decision).Breakdown);
        Assert.Contains(decision.Reasons, r => r.StartsWith("Missing evidence", StringComparison.Ordinal));
        Assert.Contains(decision.Reasons, r => r.StartsWith("Property owned", StringComparison.Ordinal));
        Assert.Contains(decision.Reasons, r => r.StartsWith("Signs of deprivation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecideAsync_PaperFormHandedOver_AlwaysToAPersonWithWhatWasReadPrefilled()
    {
        var decision = await _kit.DecideAsync(BotTestKit.Handoff(
            (HandoffFieldNames.Reference, "FA-2024-553120"), (HandoffFieldNames.DateOfBirth, "14.08.1936"),
            (HandoffFieldNames.GivenName, "F"), (HandoffFieldNames.Surname, "Fictional"), (HandoffFieldNames.Postcode, "AB5 8SU")));

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Null(decision.OutcomeJson);
        Assert.Contains("never trusted", decision.Reasons[0], StringComparison.Ordinal);
        var evidence = BotTestKit.Evidence(decision);
        Assert.True(evidence.ReadByOcr);
        Assert.Contains("\"dateOfBirth\":\"1936-08-14\"", evidence.Draft, StringComparison.Ordinal);
        Assert.Contains("\"reference\":\"FA-2024-553120\"", evidence.Draft, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"F Fictional\"", evidence.Draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_BadDocument_ToAPersonNamingEveryField()
    {
        var decision = await _kit.DecideAsync("""
            { "reference": "FA-9", "effectiveDate": "2025-06-02", "setting": "home",
              "person": { "dateOfBirth": "1950-01-01", "couple": false },
              "income": [ { "type": "lottery", "weekly": 10.00 }, { "type": "state-pension", "weekly": -5.00 } ],
              "costOfCare": { "weekly": 100.001 } }
            """);

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Null(decision.OutcomeJson);
        Assert.Contains(decision.Reasons, r => r.StartsWith("income[0].type", StringComparison.Ordinal));
        Assert.Contains(decision.Reasons, r => r.StartsWith("income[1].weekly", StringComparison.Ordinal));
        Assert.Contains(decision.Reasons, r => r.StartsWith("costOfCare.weekly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecideAsync_UnknownYear_ToAPersonNamingTheEffectiveDate()
    {
        var decision = await _kit.DecideAsync(ChargeLetterWriterTests.Sample("FA-1").Replace("2025-06-02", "2031-06-02", StringComparison.Ordinal));

        Assert.Equal(BotDecisionKind.NeedsPerson, decision.Kind);
        Assert.Contains(decision.Reasons, r => r.StartsWith("effectiveDate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DecideAsync_NotAForm_RuleSaysNo()
    {
        var decision = await _kit.DecideAsync("""{"hello":"world"}""");

        Assert.Equal(BotDecisionKind.RuleSaysNo, decision.Kind);
    }
}
