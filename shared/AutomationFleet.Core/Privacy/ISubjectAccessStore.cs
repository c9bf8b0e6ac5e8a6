using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Privacy;

/// <summary>
/// The store's side of a subject access request: find the items whose stored text mentions a term. Matching is a plain
/// case-insensitive substring search over the item's payload, its outcome (extracted fields, hand-offs) and its review
/// task's proposal and evidence; the caller confirms each candidate (the search only narrows).
/// </summary>
public interface ISubjectAccessStore
{
    /// <summary>
    /// Items whose payload, outcome, or review proposal or evidence contains any of <paramref name="terms"/> (case-insensitive,
    /// taken literally: <c>%</c> and <c>_</c> are not wildcards), oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> FindItemsMentioningAsync(IReadOnlyCollection<string> terms, int limit, CancellationToken cancellationToken);
}
