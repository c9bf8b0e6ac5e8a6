using AutomationFleet.Core.PublicStatus;
using AutomationFleet.Core.Review;
using AutomationFleet.Core.SideEffects;
using AutomationFleet.Core.Updates;
using AutomationFleet.Core.WorkItems;
using Microsoft.Extensions.Options;

namespace AutomationFleet.PublicSite.Status;

/// <summary>
/// A citizen's look-up: a reference and one check (postcode or date of birth). Every attempt is counted in the store
/// before the check is compared, so wrong checks are limited per reference and per client address across every
/// public-site process; a wrong reference and a wrong check give the same answer; a failure is audited by reference.
/// </summary>
public sealed class StatusLookup(
    IPublicStatusStore store,
    IReviewQueue reviews,
    ISideEffectLedger ledger,
    IEnumerable<IPublicStatusReader> readers,
    CaseStatusViewBuilder builder,
    TimeProvider time,
    IOptions<PublicSiteOptions> options)
{
    private const int MaxReferenceLength = 64;

    private readonly Dictionary<string, IPublicStatusReader> _readers =
        readers.GroupBy(r => r.Queue, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The reference as the attempts table keys it: the canonical short reference, or the text typed (trimmed, capitals, capped).</summary>
    public static string Key(string reference)
    {
        if (ShortReference.TryParse(reference, out var id))
        {
            return ShortReference.For(id);
        }

        var trimmed = reference.Trim().ToUpperInvariant();
        return trimmed.Length <= MaxReferenceLength ? trimmed : trimmed[..MaxReferenceLength];
    }

    public async Task<StatusLookupResult> LookUpAsync(
        string reference, string? postcode, DateOnly? dateOfBirth, string client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var attempt = await store.BeginStatusCheckAsync(Key(reference), client, settings.MaxFailedChecks, settings.FailedCheckWindow, cancellationToken);
        if (attempt.Limited)
        {
            return new StatusLookupResult(StatusLookupOutcome.Limited);
        }

        var item = ShortReference.TryParse(reference, out var itemId) ? await store.GetItemAsync(itemId, cancellationToken) : null;
        var facts = item is null ? PublicItemFacts.None : await FactsAsync(item, cancellationToken);
        var matched = postcode is not null
            ? StatusCheck.MatchesPostcode(facts, postcode)
            : dateOfBirth is { } date && StatusCheck.MatchesDateOfBirth(facts, date);
        await store.CompleteStatusCheckAsync(attempt.Id, matched ? item!.Id : null, cancellationToken);
        return matched ? new StatusLookupResult(StatusLookupOutcome.Found, item!.Id) : new StatusLookupResult(StatusLookupOutcome.NotFound);
    }

    /// <summary>The status of an item a look-up found, or null if it is gone.</summary>
    public async Task<CaseStatusView?> ViewAsync(long itemId, CancellationToken cancellationToken)
    {
        var item = await store.GetItemAsync(itemId, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var facts = await FactsAsync(item, cancellationToken);
        var steps = await ledger.ListAsync(item.Id, cancellationToken);
        var revised = await store.GetRevisedExpectedDateAsync(UpdateRequest.RootOf(item.Reference), cancellationToken);
        return builder.Build(item, facts, _readers.GetValueOrDefault(item.Queue), steps, time.GetUtcNow(), revised);
    }

    private async Task<PublicItemFacts> FactsAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (!_readers.TryGetValue(item.Queue, out var reader))
        {
            return PublicItemFacts.None;
        }

        // In review an item has no outcome yet; the bot's proposal holds what it read (e.g. inbound post's fields).
        if (item.OutcomeJson is null && item.State == WorkItemState.NeedsReview
            && await reviews.GetLatestAsync(item.Id, cancellationToken) is { Request.ProposalJson: { } proposal })
        {
            var facts = reader.Read(item with { OutcomeJson = proposal });

            // A proposal is not a decision: where to go instead is only said once someone has decided it is not ours.
            return facts with { WhereToGo = null };
        }

        return reader.Read(item);
    }
}
