using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace AutomationFleet.Core.Tests.Confidence;

public sealed class ThresholdOverrideTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EvaluateAsync_CategoryOverride_ReplacesConfiguredCategoryThreshold()
    {
        var (policy, store, _) = CreateSut();
        store.Set("post", "council-tax", 0.90);

        var verdict = await policy.EvaluateAsync("post", BotDecision.Propose("Council-Tax", "{}", 0.91), None);

        Assert.True(verdict.IsAutomatic);
        Assert.Equal(0.90, verdict.Threshold);
    }

    [Fact]
    public async Task EvaluateAsync_RaisedOverride_SendsToReviewWhatConfigLetThrough()
    {
        var (policy, store, _) = CreateSut();
        store.Set("post", "blue-badge", 0.99);

        var verdict = await policy.EvaluateAsync("post", BotDecision.Propose("blue-badge", "{}", 0.95), None);

        Assert.False(verdict.IsAutomatic);
        Assert.Contains(verdict.Reasons, r => r.Contains("below the threshold 0.990", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_BotOverride_ReplacesBotThresholdButNotCategoryOrFitted()
    {
        var (policy, store, _) = CreateSut();
        store.Set("post", null, 0.7);

        var other = await policy.EvaluateAsync("post", BotDecision.Propose("highways", "{}", 0.75), None);
        var configuredCategory = await policy.EvaluateAsync("post", BotDecision.Propose("council-tax", "{}", 0.75), None);
        var fitted = await policy.EvaluateAsync("post", BotDecision.Propose("highways", "{}", 0.75) with { FittedThreshold = 0.8 }, None);

        Assert.Equal((true, 0.7), (other.IsAutomatic, other.Threshold));
        Assert.Equal(0.95, configuredCategory.Threshold);
        Assert.Equal(0.8, fitted.Threshold);
    }

    [Fact]
    public async Task EvaluateAsync_OverrideOnNeverAutomaticCategory_StillGoesToPerson()
    {
        var (policy, store, _) = CreateSut();
        store.Set("post", "safeguarding", 0.0);

        var verdict = await policy.EvaluateAsync("post", BotDecision.Propose("safeguarding", "{}", 1.0), None);

        Assert.False(verdict.IsAutomatic);
        Assert.Contains(verdict.Reasons, r => r.Contains("never automatic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAsync_OverrideChangedWhileRunning_SeenOnlyAfterCacheDuration()
    {
        var (policy, store, time) = CreateSut();
        var decision = BotDecision.Propose("council-tax", "{}", 0.92);
        Assert.False((await policy.EvaluateAsync("post", decision, None)).IsAutomatic);

        store.Set("post", "council-tax", 0.9);
        var beforeExpiry = await policy.EvaluateAsync("post", decision, None);
        time.Advance(ThresholdOverrideSource.DefaultCacheDuration);
        var afterExpiry = await policy.EvaluateAsync("post", decision, None);

        Assert.False(beforeExpiry.IsAutomatic);
        Assert.True(afterExpiry.IsAutomatic);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task GetAsync_StoreFailsAfterFirstRead_KeepsLastSnapshot()
    {
        var (_, store, time) = CreateSut();
        using var source = new ThresholdOverrideSource(store, time);
        store.Set("post", null, 0.8);
        await source.GetAsync(None);
        store.Fail = true;
        time.Advance(TimeSpan.FromMinutes(1));

        var set = await source.GetAsync(None);

        Assert.Equal(0.8, set.Find("post", null)!.Threshold);
    }

    [Fact]
    public async Task GetAsync_StoreFailsOnFirstRead_Throws()
    {
        var store = new InMemoryOverrides { Fail = true };
        using var source = new ThresholdOverrideSource(store, new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await source.GetAsync(None));
    }

    [Theory]
    [InlineData("safeguarding", 0.5, "never automatic")]
    [InlineData("SAFEGUARDING", 1.0, "never automatic")]
    [InlineData("council-tax", 1.5, "between 0 and 1")]
    [InlineData("council-tax", double.NaN, "between 0 and 1")]
    public void Problem_Refused_SaysWhy(string category, double threshold, string expected)
    {
        var problem = ThresholdOverrideRules.Problem(Options(), "post", category, threshold);

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_BotDefaultOrOrdinaryCategory_Allowed()
    {
        Assert.Null(ThresholdOverrideRules.Problem(Options(), "post", null, 0.9));
        Assert.Null(ThresholdOverrideRules.Problem(Options(), "post", "council-tax", 0.9));
        Assert.Null(ThresholdOverrideRules.Problem(Options(), "unconfigured-bot", "x", 0.9));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ReasonProblem_Missing_Refused(string? reason) =>
        Assert.NotNull(ThresholdOverrideRules.ReasonProblem(reason));

    [Fact]
    public void Evaluate_ProposalOnReviewedSamples_CoveragePrecisionBoundAndTrust()
    {
        // 40 approved at 0.9, 10 corrected at 0.8, 10 corrected at 0.95.
        var samples = Enumerable.Repeat(new ConfidenceSample(0.9, true), 40)
            .Concat(Enumerable.Repeat(new ConfidenceSample(0.8, false), 10))
            .Concat(Enumerable.Repeat(new ConfidenceSample(0.95, false), 10))
            .ToArray();

        var proposal = ThresholdProposal.Evaluate(samples, 0.85);
        var small = ThresholdProposal.Evaluate(samples.Take(20).ToArray(), 0.85);

        Assert.Equal((60, 50, 40), (proposal.Point.Samples, proposal.Point.Automatic, proposal.Point.AutomaticAgreed));
        Assert.Equal(20, proposal.Corrections);
        Assert.Equal(10, proposal.CorrectionsLetThrough);
        Assert.False(proposal.TooFewToTrust);
        Assert.InRange(proposal.PrecisionLowerBound!.Value, 0.66, 0.68);
        Assert.True(small.TooFewToTrust);
    }

    private static ConfidenceOptions Options()
    {
        var options = new ConfidenceOptions();
        options.Bots["post"] = new BotConfidenceOptions
        {
            Threshold = 0.9,
            Categories = { ["council-tax"] = 0.95 },
            NeverAutomatic = ["safeguarding"],
        };
        return options;
    }

    private static (ConfidencePolicy Policy, InMemoryOverrides Store, FakeTimeProvider Time) CreateSut()
    {
        var store = new InMemoryOverrides();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var policy = new ConfidencePolicy(new StaticOptionsMonitor<ConfidenceOptions>(Options()), new ThresholdOverrideSource(store, time));
        return (policy, store, time);
    }

    private sealed class InMemoryOverrides : IThresholdOverrideStore
    {
        private readonly List<ThresholdOverride> _overrides = [];

        public int Reads { get; private set; }

        public bool Fail { get; set; }

        public void Set(string bot, string? category, double threshold)
        {
            _overrides.RemoveAll(o => o.Bot == bot && o.Category == category);
            _overrides.Add(new ThresholdOverride(bot, category, threshold, "ada", DateTimeOffset.UnixEpoch, "test"));
        }

        public Task<IReadOnlyList<ThresholdOverride>> ListThresholdOverridesAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Fail
                ? Task.FromException<IReadOnlyList<ThresholdOverride>>(new InvalidOperationException("store down"))
                : Task.FromResult<IReadOnlyList<ThresholdOverride>>([.. _overrides]);
        }

        public Task<ThresholdOverride?> SetThresholdOverrideAsync(
            string bot, string? category, double threshold, string actor, string reason, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<ThresholdOverride?> ClearThresholdOverrideAsync(string bot, string? category, string actor, string reason, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
