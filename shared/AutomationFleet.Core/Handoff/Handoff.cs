using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Handoff;

/// <summary>
/// What an upstream bot hands to another bot's queue, as the new item's payload: the documents it read, the fields it
/// extracted with their confidence, the category it decided and the item it came from. A downstream bot reads this
/// contract, never the upstream bot's own outcome type, so bots stay independent of each other. Serialise with
/// <see cref="HandoffJson"/>.
/// </summary>
/// <param name="SourceReference">The reference of the item the hand-off came from.</param>
/// <param name="SourceBot">The bot that handed it over, e.g. <c>inbound-post</c>.</param>
/// <param name="Category">The category the upstream bot decided (or a reviewer corrected), if it has categories.</param>
/// <param name="CategoryConfidence">Its confidence in that category, in [0, 1]; 1 when a person decided it.</param>
/// <param name="Documents">The documents the fields were read from; they travel as the new item's attachments too.</param>
/// <param name="Fields">The fields extracted, with how they were read.</param>
public sealed record Handoff(
    string SourceReference,
    string SourceBot,
    string? Category,
    double? CategoryConfidence,
    IReadOnlyList<AttachmentRef> Documents,
    IReadOnlyList<HandoffField> Fields)
{
    /// <summary>The fields of one kind, most confident first.</summary>
    public IEnumerable<HandoffField> FieldsOf(string name) =>
        Fields.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).OrderByDescending(f => f.Confidence);
}
