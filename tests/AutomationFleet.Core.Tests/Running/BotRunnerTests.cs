using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Resilience;
using AutomationFleet.Core.Running;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Tests.Fakes;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Registry;

namespace AutomationFleet.Core.Tests.Running;

public sealed class BotRunnerTests
{
    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    private readonly FakeWorkQueue _queue = new();
    private readonly FakeLedger _ledger = new();

    [Fact]
    public async Task RunAsync_ConfidentProposal_RecordsOutcomeBeforeDeliveringAndCompletes()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => BotDecision.Propose("a", "{\"x\":1}", 0.995), step);
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Equal(["RecordOutcome test-bot", "Complete"], _queue.Calls);
        Assert.Equal(WorkItemState.Completed, _queue.Get(item.Id).State);
        var delivered = Assert.Single(step.Delivered);
        Assert.Equal("REF-1#note", delivered.IdempotencyKey);
        Assert.Equal("{\"x\":1}", delivered.Outcome.OutcomeJson);
        Assert.Equal(SideEffectStatus.Completed, _ledger.Entries["REF-1#note"].Status);
    }

    [Fact]
    public async Task RunAsync_LowConfidence_SendsToReviewWithProposalAndNoSideEffect()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => BotDecision.Propose("a", "{\"x\":1}", 0.5, "{\"why\":1}"), step);
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Empty(step.Delivered);
        Assert.DoesNotContain(_queue.Calls, c => c.StartsWith("RecordOutcome", StringComparison.Ordinal));
        var request = _queue.Reviews[item.Id];
        Assert.Equal("test-bot", request.Bot);
        Assert.Equal("a", request.Category);
        Assert.Equal("{\"x\":1}", request.ProposalJson);
        Assert.Equal("{\"why\":1}", request.EvidenceJson);
        Assert.Equal(0.5, request.Confidence);
        Assert.Contains(request.Reasons, r => r.Contains("below the threshold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LowConfidenceWithService_ReviewRequestCarriesService()
    {
        var bot = new TestBot(_ => BotDecision.Propose("a", "{\"x\":1}", 0.5) with { Service = "Highways" }, new RecordingStep("note"));
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Equal("Highways", _queue.Reviews[item.Id].Service);
    }

    [Fact]
    public async Task RunAsync_NeverAutomaticUrgentCategory_SendsToReviewMarkedUrgent()
    {
        var options = new ConfidenceOptions();
        options.Bots["test-bot"] = new BotConfidenceOptions { NeverAutomatic = ["safeguarding"], Urgent = ["safeguarding"] };
        var bot = new TestBot(_ => BotDecision.Propose("safeguarding", "{}", 1.0), new RecordingStep("note"));
        var item = _queue.Add("REF-1");

        var result = await CreateSut(options).RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.True(_queue.Reviews[item.Id].Urgent);
    }

    [Fact]
    public async Task RunAsync_RuleSaysNo_EndsAsBusinessExceptionWithReason()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => BotDecision.RuleSaysNo("not eligible"), step);
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.BusinessException, result);
        Assert.Equal(WorkItemState.BusinessException, _queue.Get(item.Id).State);
        Assert.Equal("not eligible", _queue.Get(item.Id).LastError);
        Assert.Empty(step.Delivered);
    }

    [Fact]
    public async Task RunAsync_BotThrows_FailsSystemAndRetries()
    {
        var bot = new TestBot(_ => throw new InvalidOperationException("boom"));
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Retrying, result);
        Assert.Equal(WorkItemState.Retrying, _queue.Get(item.Id).State);
        Assert.Contains("boom", _queue.Get(item.Id).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BotThrowsOnLastAttempt_DeadLetters()
    {
        var bot = new TestBot(_ => throw new InvalidOperationException("boom"));
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", new RetryPolicy(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.Equal(RunResult.DeadLettered, result);
        Assert.Equal(WorkItemState.DeadLettered, _queue.Get(item.Id).State);
    }

    [Fact]
    public async Task RunAsync_OutcomeAlreadyDecidedByReviewer_SkipsBotAndDelivers()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => throw new InvalidOperationException("must not decide"), step);
        var item = _queue.Add("REF-1", "{\"corrected\":true}", "reviewer:ann");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Equal(0, bot.Decisions);
        var delivered = Assert.Single(step.Delivered);
        Assert.Equal("{\"corrected\":true}", delivered.Outcome.OutcomeJson);
        Assert.Equal("reviewer:ann", delivered.Outcome.DecidedBy);
    }

    [Fact]
    public async Task RunAsync_StepAlreadyCompletedInLedger_SkipsIt()
    {
        var first = new RecordingStep("first", idempotent: false);
        var second = new RecordingStep("second");
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), first, second);
        var item = _queue.Add("REF-1", "{}", "test-bot");
        _ledger.Seed("REF-1#first", item.Id, "first", false, SideEffectStatus.Completed);

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Empty(first.Delivered);
        Assert.Single(second.Delivered);
    }

    [Fact]
    public async Task RunAsync_ReviewerOutcomeCompletedByBot_RecordsAndDeliversCompletedOutcome()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => throw new InvalidOperationException("must not decide"), step)
        {
            Complete = json => json.Replace("}", ",\"service\":\"waste\"}", StringComparison.Ordinal),
        };
        var item = _queue.Add("REF-1", "{\"category\":\"waste\"}", "reviewer:ann");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        var delivered = Assert.Single(step.Delivered);
        Assert.Equal("{\"category\":\"waste\",\"service\":\"waste\"}", delivered.Outcome.OutcomeJson);
        Assert.Equal("reviewer:ann", delivered.Outcome.DecidedBy);
        Assert.Contains("RecordOutcome reviewer:ann", _queue.Calls);
    }

    [Fact]
    public async Task RunAsync_ReviewerOutcomeBotCannotCarryOut_SendsBackToReviewWithReason()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => throw new InvalidOperationException("must not decide"), step)
        {
            Complete = _ => throw new ReviewedOutcomeException("The category 'x' is not in the council taxonomy."),
        };
        var item = _queue.Add("REF-1", "{\"category\":\"x\"}", "reviewer:ann");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Empty(step.Delivered);
        Assert.Equal("The category 'x' is not in the council taxonomy.", Assert.Single(_queue.Reviews[item.Id].Reasons));
    }

    [Fact]
    public async Task RunAsync_StepRefusedPermanently_SentToReviewOnceWithoutRetry()
    {
        var step = new RecordingStep("mail", failTimes: int.MaxValue, failure: () => new PermanentDeliveryException("550 no such mailbox"));
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Equal(1, step.Attempts);
        Assert.Equal(WorkItemState.NeedsReview, _queue.Get(item.Id).State);
        Assert.Contains("refused by the receiving system and will not be retried: 550 no such mailbox", Assert.Single(_queue.Reviews[item.Id].Reasons), StringComparison.Ordinal);
        Assert.DoesNotContain(_ledger.Entries.Values, e => e.Status == SideEffectStatus.Started);
    }

    [Fact]
    public async Task RunAsync_StepRefusedPermanently_ReviewTaskCarriesServiceOfOutcome()
    {
        var step = new RecordingStep("mail", failTimes: int.MaxValue, failure: () => new PermanentDeliveryException("550 no such mailbox"));
        var bot = new TestBot(_ => BotDecision.Propose("a", "{\"service\":\"Highways\"}", 1.0), step) { Service = ServiceField };
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Equal("Highways", _queue.Reviews[item.Id].Service);
    }

    [Fact]
    public async Task RunAsync_NonIdempotentStepStartedByDeadWorker_ReviewTaskCarriesServiceOfOutcome()
    {
        var step = new RecordingStep("letter", idempotent: false);
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step) { Service = ServiceField };
        var item = _queue.Add("REF-1", "{\"service\":\"Waste services\"}", "test-bot");
        _ledger.Seed("REF-1#letter", item.Id, "letter", false, SideEffectStatus.Started);

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Equal("Waste services", _queue.Reviews[item.Id].Service);
    }

    [Fact]
    public async Task RunAsync_ReviewerOutcomeBotCannotCarryOut_ReviewTaskCarriesServiceOfOutcome()
    {
        var bot = new TestBot(_ => throw new InvalidOperationException("must not decide"), new RecordingStep("note"))
        {
            Complete = _ => throw new ReviewedOutcomeException("The category 'x' is not in the council taxonomy."),
            Service = ServiceField,
        };
        var item = _queue.Add("REF-1", "{\"category\":\"x\",\"service\":\"Blue Badge team\"}", "reviewer:ann");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Equal("Blue Badge team", _queue.Reviews[item.Id].Service);
    }

    [Fact]
    public async Task RunAsync_StepRefusedAndBotCannotNameService_ReviewTaskWithoutService()
    {
        var step = new RecordingStep("mail", failTimes: int.MaxValue, failure: () => new PermanentDeliveryException("550 no such mailbox"));
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step)
        {
            Service = _ => throw new InvalidOperationException("broken bot"),
        };
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Null(_queue.Reviews[item.Id].Service);
    }

    [Fact]
    public async Task RunAsync_BotOutcomeRedelivered_IsNotCompletedAgain()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => throw new InvalidOperationException("must not decide"), step)
        {
            Complete = _ => throw new InvalidOperationException("only reviewer outcomes are completed"),
        };
        var item = _queue.Add("REF-1", "{}", "test-bot");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Single(step.Delivered);
    }

    [Fact]
    public async Task RunAsync_NonIdempotentStepStartedByDeadWorker_SendsToReviewWithoutRepeating()
    {
        var step = new RecordingStep("letter", idempotent: false);
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1", "{}", "test-bot");
        _ledger.Seed("REF-1#letter", item.Id, "letter", false, SideEffectStatus.Started);

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.SentToReview, result);
        Assert.Empty(step.Delivered);
        var reason = Assert.Single(_queue.Reviews[item.Id].Reasons);
        Assert.Contains("letter may or may not have happened (worker stopped mid-step); check the receiving system", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NonIdempotentStepStartedThenReviewerApproved_RedoesStep()
    {
        var step = new RecordingStep("letter", idempotent: false);
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1", "{}", "reviewer:ann");
        _ledger.Seed("REF-1#letter", item.Id, "letter", false, SideEffectStatus.Started);
        _queue.AddAudit(item.Id, WorkItemState.NeedsReview, WorkItemState.New, DateTimeOffset.UnixEpoch.AddMinutes(5));

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Single(step.Delivered);
    }

    [Fact]
    public async Task RunAsync_IdempotentStepStartedByDeadWorker_RedoesIt()
    {
        var step = new RecordingStep("handoff");
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1", "{}", "test-bot");
        _ledger.Seed("REF-1#handoff", item.Id, "handoff", true, SideEffectStatus.Started);

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Single(step.Delivered);
        Assert.Equal(SideEffectStatus.Completed, _ledger.Entries["REF-1#handoff"].Status);
    }

    [Fact]
    public async Task RunAsync_StepFailsThenSucceedsWithinPipeline_Completes()
    {
        var step = new RecordingStep("note", failTimes: 2);
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Completed, result);
        Assert.Equal(3, step.Attempts);
    }

    [Fact]
    public async Task RunAsync_StepFailsAfterRetries_AbandonsLedgerEntryAndFailsSystem()
    {
        var step = new RecordingStep("note", failTimes: 100);
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1");

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.Retrying, result);
        Assert.Equal(3, step.Attempts);
        Assert.DoesNotContain("REF-1#note", _ledger.Entries.Keys);
        Assert.Contains("Abandon REF-1#note", _ledger.Calls);
        Assert.Equal("{}", _queue.Get(item.Id).OutcomeJson);
    }

    [Fact]
    public async Task RunAsync_LeaseLost_StopsWithoutSideEffects()
    {
        var step = new RecordingStep("note");
        var bot = new TestBot(_ => BotDecision.Propose("a", "{}", 1.0), step);
        var item = _queue.Add("REF-1");
        _queue.LostLeaseOn = "REF-1";

        var result = await CreateSut().RunAsync(bot, item, "w1", Retry, CancellationToken.None);

        Assert.Equal(RunResult.LeaseLost, result);
        Assert.Empty(step.Delivered);
        Assert.Empty(_ledger.Calls);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeDeciding_Throws()
    {
        var bot = new TestBot(_ => throw new OperationCanceledException());
        var item = _queue.Add("REF-1");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateSut().RunAsync(bot, item, "w1", Retry, cts.Token));
        Assert.Empty(_queue.Calls);
    }

    // The test bot's outcomes name their service as the inbound-post bot's do: a "service" property.
    private static string? ServiceField(string outcomeJson)
    {
        using var outcome = System.Text.Json.JsonDocument.Parse(outcomeJson);
        return outcome.RootElement.TryGetProperty("service", out var service) ? service.GetString() : null;
    }

    private BotRunner CreateSut(ConfidenceOptions? options = null)
    {
        var fast = new PipelineOptions
        {
            MaxRetryAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            UseCircuitBreaker = false,
        };
        var registry = new ResiliencePipelineRegistry<string>();
        foreach (var name in FleetPipelines.All)
        {
            registry.TryAddBuilder(name, (builder, _) => FleetPipelines.Configure(builder, fast));
        }

        var policy = new ConfidencePolicy(new StaticOptionsMonitor<ConfidenceOptions>(options ?? new ConfidenceOptions()));
        return new BotRunner(_queue, _ledger, new NullBlobStore(), policy, registry, NullLogger<BotRunner>.Instance);
    }
}
