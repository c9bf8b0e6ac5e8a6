using AutomationFleet.Core.Review.Forms;

namespace AutomationFleet.Portal.Admin;

/// <summary>
/// The bots the fleet runs, by name, for the pages that ask for a bot (a list to pick from, not free text). In
/// <c>fleet run</c> the host hands over its registered bots' names; a portal running alone knows the bots whose review
/// forms it hosts. Pages add the names they find in the store (paused bots, review tasks) to these.
/// </summary>
public sealed class FleetBots
{
    /// <summary>Creates the list; names are kept once each, case-insensitively, sorted.</summary>
    public FleetBots(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The bots' names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The bots whose review forms are registered (a portal without the fleet's bots).</summary>
    public static FleetBots FromForms(IEnumerable<IReviewForm> forms) => new(forms.Select(f => f.Bot));

    /// <summary>These names and <paramref name="more"/>, once each, sorted.</summary>
    public IReadOnlyList<string> With(IEnumerable<string> more) => new FleetBots(Names.Concat(more)).Names;
}
