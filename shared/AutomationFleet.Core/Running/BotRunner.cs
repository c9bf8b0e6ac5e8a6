using AutomationFleet.Core.Audit;
using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.Bots;
using AutomationFleet.Core.Confidence;
using AutomationFleet.Core.Delivery;
using AutomationFleet.Core.Metrics;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;

namespace AutomationFleet.Core.Running;

/// <summary>
/// The shared runner: takes one leased item through decide, policy, record, deliver, complete.
/// Every bot is run by it, so every bot gets the same confidence policy, the same side-effect
/// ledger discipline and the same fault handling.
/// </summary>
/// <remarks>
/// Order matters for crash safety. The outcome is recorded before any side effect, so a redo
/// delivers it rather than deciding again. Each step is recorded as Started before it runs and
/// Completed after; a redo skips completed steps, redoes idempotent ones, and sends the item to a
/// person when a non-idempotent step was cut off midway (it may or may not have happened).
/// Touch points for the sender's updates (received, decided, passed to a service, done) are raised here and only here,
/// through <see cref="ItemUpdates"/>: each is an idempotent enqueue, so a redo raises nothing new.
/// </remarks>
public sealed class BotRunner(
    IWorkQueue queue,
    ISideEffectLedger ledger,
    IBlobStore blobs,
    ConfidencePolicy policy,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<BotRunner> logger,
    ItemUpdates? updates = null)
{
    /// <summary>Reason prefix used when a non-idempotent step was cut off midway.</summary>
    public const string MidStepReason = "worker stopped mid-step";

    /// <summary>
    /// Runs one item that <paramref name="workerId"/> holds under a lease. Faults are recorded on the
    /// item (retried or dead-lettered by <paramref name="retryPolicy"/>), never thrown; only
    /// cancellation of <paramref name="cancellationToken"/> propagates, leaving the item to be released.
    /// </summary>
    public async Task<RunResult> RunAsync(
        IBot bot, WorkItem item, string workerId, RetryPolicy retryPolicy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(retryPolicy);

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Reference"] = item.Reference,
            ["Queue"] = item.Queue,
            ["Bot"] = bot.Name,
        });
        try
        {
            ItemOutcome outcome;
            if (item.OutcomeJson is not null)
            {
                outcome = new ItemOutcome(item.OutcomeJson, item.Confidence ?? 1, item.OutcomeDecidedBy ?? bot.Name);
                logger.LogDebug(
                    "Item {Reference} already has an outcome decided by {DecidedBy}; delivering it", item.Reference, outcome.DecidedBy);
                if (IsReviewerDecided(item))
                {
                    var completed = await CompleteReviewedAsync(bot, item, outcome, workerId, cancellationToken);
                    if (completed is null)
                    {
                        return RunResult.SentToReview;
                    }

                    outcome = completed;
                    await RaiseAsync(item, TouchPoint.Decided, cancellationToken);
                }
            }
            else
            {
                await RaiseAsync(item, TouchPoint.Received, cancellationToken);
                var decided = await DecideAsync(bot, item, workerId, retryPolicy, cancellationToken);
                if (decided.Result is { } early)
                {
                    return early;
                }

                outcome = decided.Outcome!;
            }

            var delivering = StageDurations.Start();
            var delivered = await DeliverAsync(bot, item, outcome, workerId, retryPolicy, cancellationToken);
            BotRunMetrics.Stages.Record(BotRunMetrics.StageDeliver, delivering);
            return delivered;
        }
        catch (LeaseLostException)
        {
            logger.LogWarning(
                "Lost the lease on item {Reference} in {Queue}; stopping work on it without further side effects",
                item.Reference, item.Queue);
            return RunResult.LeaseLost;
        }
    }

    private async Task<(RunResult? Result, ItemOutcome? Outcome)> DecideAsync(
        IBot bot, WorkItem item, string workerId, RetryPolicy retryPolicy, CancellationToken cancellationToken)
    {
        BotDecision decision;
        try
        {
            var deciding = StageDurations.Start();
            decision = await bot.DecideAsync(new BotInput(item, blobs), cancellationToken);
            BotRunMetrics.Stages.Record(BotRunMetrics.StageDecide, deciding);
            if (decision.Kind == BotDecisionKind.Proposal && decision.OutcomeJson is null)
            {
                throw new InvalidOperationException($"Bot {bot.Name} proposed without an outcome.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not LeaseLostException)
        {
            logger.LogError(
                exception, "Bot {Bot} failed deciding item {Reference} in {Queue} on attempt {Attempt}",
                bot.Name, item.Reference, item.Queue, item.Attempts);
            return (await FailSystemAsync(item, workerId, $"Bot {bot.Name} failed deciding: {Describe(exception)}", retryPolicy), null);
        }

        if (decision.Kind == BotDecisionKind.RuleSaysNo)
        {
            var reason = decision.Reasons.Count > 0 ? string.Join("; ", decision.Reasons) : "A business rule said no.";
            await queue.FailBusinessAsync(item.Id, workerId, reason, cancellationToken);
            logger.LogInformation("Item {Reference} in {Queue} ended as {State}", item.Reference, item.Queue, WorkItemState.BusinessException);
            return (RunResult.BusinessException, null);
        }

        var settling = StageDurations.Start();
        var verdict = await policy.EvaluateAsync(bot.Name, decision, cancellationToken);
        if (!verdict.IsAutomatic)
        {
            var request = new ReviewRequest(
                bot.Name, decision.Category, decision.OutcomeJson, decision.Confidence, decision.EvidenceJson, verdict.Reasons, verdict.Urgent,
                decision.Service);
            await queue.SendToReviewAsync(item.Id, workerId, request, cancellationToken);
            BotRunMetrics.Stages.Record(BotRunMetrics.StageSettle, settling);
            logger.LogInformation(
                "Item {Reference} in {Queue} sent to review: category {Category}, confidence {Confidence}, threshold {Threshold}, urgent {Urgent}",
                item.Reference, item.Queue, decision.Category, decision.Confidence, verdict.Threshold, verdict.Urgent);
            return (RunResult.SentToReview, null);
        }

        var outcome = new ItemOutcome(decision.OutcomeJson!, decision.Confidence, bot.Name);
        await queue.RecordOutcomeAsync(item.Id, workerId, outcome, cancellationToken);
        BotRunMetrics.Stages.Record(BotRunMetrics.StageSettle, settling);
        await RaiseAsync(item, TouchPoint.Decided, cancellationToken);
        return (null, outcome);
    }

    /// <summary>
    /// The reviewer's outcome as the bot completes it, recorded if the bot changed it; null when the bot cannot carry
    /// it out, in which case the item has gone back to review with the bot's reason.
    /// </summary>
    private async Task<ItemOutcome?> CompleteReviewedAsync(
        IBot bot, WorkItem item, ItemOutcome outcome, string workerId, CancellationToken cancellationToken)
    {
        string completedJson;
        try
        {
            completedJson = bot.CompleteReviewedOutcome(outcome.OutcomeJson);
        }
        catch (ReviewedOutcomeException exception)
        {
            var request = new ReviewRequest(
                bot.Name, null, outcome.OutcomeJson, outcome.Confidence, "{}", [exception.Message], Urgent: false,
                ServiceOf(bot, outcome.OutcomeJson));
            await queue.SendToReviewAsync(item.Id, workerId, request, cancellationToken);
            logger.LogWarning(
                "Item {Reference} in {Queue}: the reviewed outcome cannot be carried out; sent back to review", item.Reference, item.Queue);
            return null;
        }

        if (string.Equals(completedJson, outcome.OutcomeJson, StringComparison.Ordinal))
        {
            return outcome;
        }

        var completed = outcome with { OutcomeJson = completedJson };
        await queue.RecordOutcomeAsync(item.Id, workerId, completed, cancellationToken);
        return completed;
    }

    // The service of a review task the runner makes itself, so service grants reach it; a bot that fails to say is
    // treated as naming none (the task is still seen by the queue's reviewers).
    private string? ServiceOf(IBot bot, string outcomeJson)
    {
        try
        {
            return bot.ServiceOf(outcomeJson);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Bot {Bot} could not name the service of an outcome", bot.Name);
            return null;
        }
    }

    private static bool IsReviewerDecided(WorkItem item) =>
        Actors.IsReviewer(item.OutcomeDecidedBy);

    private async Task<RunResult> DeliverAsync(
        IBot bot, WorkItem item, ItemOutcome outcome, string workerId, RetryPolicy retryPolicy, CancellationToken cancellationToken)
    {
        var done = 0;
        var skipped = 0;
        foreach (var step in bot.DeliverySteps)
        {
            if (!step.AppliesTo(outcome))
            {
                continue;
            }

            var key = IdempotencyKey.For(item.Reference, step.Name);
            var existing = await ledger.FindAsync(key, cancellationToken);
            if (existing is { Status: SideEffectStatus.Completed })
            {
                skipped++;
                logger.LogInformation("Step {Step} of item {Reference} already happened; skipping it", step.Name, item.Reference);
                continue;
            }

            if (existing is { Status: SideEffectStatus.Started } && !step.IsIdempotent)
            {
                if (!await ReviewerClearedAsync(item, existing, cancellationToken))
                {
                    var reason =
                        $"Step {step.Name} may or may not have happened ({MidStepReason}); check the receiving system. " +
                        "Approve to do the step again, reject if it already happened.";
                    var request = new ReviewRequest(
                        bot.Name, null, outcome.OutcomeJson, outcome.Confidence, "{}", [reason], Urgent: false,
                        ServiceOf(bot, outcome.OutcomeJson));
                    await queue.SendToReviewAsync(item.Id, workerId, request, cancellationToken);
                    logger.LogWarning(
                        "Step {Step} of item {Reference} in {Queue} was cut off midway and is not idempotent; sent to review",
                        step.Name, item.Reference, item.Queue);
                    return RunResult.SentToReview;
                }

                logger.LogInformation(
                    "Step {Step} of item {Reference} was cut off midway; a reviewer has since approved doing it again",
                    step.Name, item.Reference);
            }

            if (existing is { Status: SideEffectStatus.Started })
            {
                // Redoing a step that was cut off: clear the old entry so the ledger shows this attempt.
                await ledger.AbandonAsync(key, cancellationToken);
            }

            try
            {
                await ledger.BeginAsync(key, item.Id, step.Name, step.IsIdempotent, cancellationToken);
            }
            catch (SideEffectConflictException)
            {
                // Another attempt began this step since we looked: it holds the item now (our lease ran out while the
                // database was away, say). Doing the step too could do it twice, so this attempt stops here.
                logger.LogWarning(
                    "Step {Step} of item {Reference} was begun by another attempt; this worker drops the item", step.Name, item.Reference);
                throw new LeaseLostException(item.Id, workerId);
            }

            string? result;
            try
            {
                var pipeline = pipelines.GetPipeline(step.Pipeline);
                var context = new DeliveryContext(item, outcome, key);
                result = await pipeline.ExecuteAsync(
                    static async (state, token) => await state.step.DeliverAsync(state.context, token),
                    (step, context),
                    cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Left Started on purpose: the step was cut off and may or may not have happened.
                throw;
            }
            catch (PermanentDeliveryException exception)
            {
                await ledger.AbandonAsync(key, CancellationToken.None);
                var reason = $"Step {step.Name} was refused by the receiving system and will not be retried: {exception.Message} "
                    + "Fix the cause and approve to try the step again, or reject.";
                var request = new ReviewRequest(
                    bot.Name, null, outcome.OutcomeJson, outcome.Confidence, "{}", [reason], Urgent: false, ServiceOf(bot, outcome.OutcomeJson));
                await queue.SendToReviewAsync(item.Id, workerId, request, CancellationToken.None);

                // The message may quote the receiving system (addresses): it is kept with the item, not logged.
                logger.LogWarning(
                    "Step {Step} of item {Reference} in {Queue} was refused permanently; sent to review", step.Name, item.Reference, item.Queue);
                return RunResult.SentToReview;
            }
            catch (Exception exception) when (exception is not LeaseLostException)
            {
                logger.LogError(
                    exception, "Step {Step} of item {Reference} in {Queue} failed after retries on attempt {Attempt}",
                    step.Name, item.Reference, item.Queue, item.Attempts);
                await ledger.AbandonAsync(key, CancellationToken.None);
                return await FailSystemAsync(item, workerId, $"Step {step.Name} failed: {Describe(exception)}", retryPolicy);
            }

            await ledger.CompleteAsync(key, result, CancellationToken.None);
            done++;
        }

        // Raised before the item completes, so a crash in between raises them again on the redo (a no-op enqueue), never not at all.
        if (ServiceOf(bot, outcome.OutcomeJson) is { } service)
        {
            await RaiseAsync(item, TouchPoint.PassedToService, cancellationToken, service);
        }

        await RaiseAsync(item, TouchPoint.Done, cancellationToken);
        await queue.CompleteAsync(
            item.Id, workerId, $"Delivered by {bot.Name}: {done} step(s) done, {skipped} already done.", cancellationToken);
        logger.LogInformation(
            "Item {Reference} in {Queue} ended as {State} ({Done} steps done, {Skipped} already done)",
            item.Reference, item.Queue, WorkItemState.Completed, done, skipped);
        return RunResult.Completed;
    }

    private Task RaiseAsync(WorkItem item, TouchPoint touchPoint, CancellationToken cancellationToken, string? service = null) =>
        updates is null ? Task.CompletedTask : updates.RaiseAsync(item, touchPoint, cancellationToken, service);

    // A reviewer who approved the item after being told a step was cut off has checked the receiving
    // system: the step may be done again. Seen in the audit trail as NeedsReview -> New after the step began.
    private async Task<bool> ReviewerClearedAsync(WorkItem item, SideEffectRecord started, CancellationToken cancellationToken)
    {
        if (!IsReviewerDecided(item))
        {
            return false;
        }

        var trail = await queue.GetAuditTrailAsync(item.Id, cancellationToken);
        return trail.Any(e => e.From == WorkItemState.NeedsReview && e.To == WorkItemState.New && e.At >= started.StartedAt);
    }

    private async Task<RunResult> FailSystemAsync(WorkItem item, string workerId, string error, RetryPolicy retryPolicy)
    {
        // Recorded even while shutting down: the fault happened and the attempt counts.
        var state = await queue.FailSystemAsync(item.Id, workerId, error, retryPolicy, CancellationToken.None);
        logger.LogWarning(
            "Item {Reference} in {Queue} ended attempt {Attempt} as {State}", item.Reference, item.Queue, item.Attempts, state);
        return state == WorkItemState.DeadLettered ? RunResult.DeadLettered : RunResult.Retrying;
    }

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
