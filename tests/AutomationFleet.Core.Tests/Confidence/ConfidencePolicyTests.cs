using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Tests.Fakes;

namespace AutomationFleet.Core.Tests.Confidence;

public sealed class ConfidencePolicyTests
{
    [Theory]
    [InlineData(0.99, true)]
    [InlineData(0.989, false)]
    public void Evaluate_UnknownBot_UsesDefaultThreshold(double confidence, bool automatic)
    {
        var verdict = CreateSut(new ConfidenceOptions()).Evaluate("any", BotDecision.Propose("c", "{}", confidence));

        Assert.Equal(automatic, verdict.IsAutomatic);
        Assert.Equal(0.99, verdict.Threshold);
    }

    [Fact]
    public void Evaluate_CategoryThreshold_OverridesBotAndDefault()
    {
        var sut = CreateSut(Options());

        Assert.True(sut.Evaluate("post", BotDecision.Propose("blue-badge", "{}", 0.81)).IsAutomatic);
        Assert.Equal(0.8, sut.Evaluate("post", BotDecision.Propose("BLUE-BADGE", "{}", 0.5)).Threshold);
        Assert.False(sut.Evaluate("post", BotDecision.Propose("council-tax", "{}", 0.94)).IsAutomatic);
        Assert.Equal(0.95, sut.Evaluate("post", BotDecision.Propose("council-tax", "{}", 0.94)).Threshold);
    }

    [Fact]
    public void Evaluate_NeverAutomaticCategory_GoesToPersonWhateverTheConfidence()
    {
        var verdict = CreateSut(Options()).Evaluate("post", BotDecision.Propose("safeguarding", "{}", 1.0));

        Assert.False(verdict.IsAutomatic);
        Assert.Contains(verdict.Reasons, r => r.Contains("never automatic", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_UrgentCategory_MarksUrgent()
    {
        var verdict = CreateSut(Options()).Evaluate("post", BotDecision.Propose("safeguarding", "{}", 1.0));

        Assert.True(verdict.Urgent);
    }

    [Fact]
    public void Evaluate_NeedsPerson_NotAutomaticWithBotReasonsAndUrgency()
    {
        var verdict = CreateSut(Options()).Evaluate("post", BotDecision.NeedsPerson("unreadable scan", urgent: true));

        Assert.False(verdict.IsAutomatic);
        Assert.True(verdict.Urgent);
        Assert.Equal(["unreadable scan"], verdict.Reasons);
    }

    [Fact]
    public void Validate_BadThresholds_ReportsEveryPath()
    {
        var options = new ConfidenceOptions { DefaultThreshold = 1.5 };
        options.Bots["post"] = new BotConfidenceOptions { Threshold = -1, Categories = { ["x"] = 2 } };

        var result = new ConfidenceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Confidence:DefaultThreshold", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Confidence:Bots:post:Threshold", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Confidence:Bots:post:Categories:x", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FittedThresholdWithoutConfiguredCategory_UsesFittedOverBotThreshold()
    {
        var sut = CreateSut(Options());
        var decision = BotDecision.Propose("council-tax", "{}", 0.7) with { FittedThreshold = 0.65 };

        var verdict = sut.Evaluate("post", decision);

        Assert.True(verdict.IsAutomatic);
        Assert.Equal(0.65, verdict.Threshold);
    }

    [Fact]
    public void Evaluate_ConfiguredCategoryThreshold_WinsOverFitted()
    {
        var sut = CreateSut(Options());
        var decision = BotDecision.Propose("blue-badge", "{}", 0.7) with { FittedThreshold = 0.6 };

        var verdict = sut.Evaluate("post", decision);

        Assert.False(verdict.IsAutomatic);
        Assert.Equal(0.8, verdict.Threshold);
    }

    [Fact]
    public void Evaluate_FittedThresholdForUnknownBot_UsesFittedOverDefault()
    {
        var decision = BotDecision.Propose("c", "{}", 0.9) with { FittedThreshold = 0.95 };

        var verdict = CreateSut(new ConfidenceOptions()).Evaluate("any", decision);

        Assert.False(verdict.IsAutomatic);
        Assert.Equal(0.95, verdict.Threshold);
    }

    private static ConfidenceOptions Options()
    {
        var options = new ConfidenceOptions();
        options.Bots["post"] = new BotConfidenceOptions
        {
            Threshold = 0.95,
            Categories = { ["blue-badge"] = 0.8 },
            NeverAutomatic = ["safeguarding"],
            Urgent = ["safeguarding"],
        };
        return options;
    }

    private static ConfidencePolicy CreateSut(ConfidenceOptions options) => new(new StaticOptionsMonitor<ConfidenceOptions>(options));
}
