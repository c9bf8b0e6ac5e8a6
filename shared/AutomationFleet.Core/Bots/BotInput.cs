using AutomationFleet.Core.Blobs;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Core.Bots;

/// <summary>What a bot sees of one item: the item and read access to its attachments.</summary>
/// <param name="Item">The work item.</param>
/// <param name="Blobs">Where its attachments are stored.</param>
public sealed record BotInput(WorkItem Item, IBlobStore Blobs);
