using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// The short reference a person is given (<c>AF-000123</c>), as Core's <see cref="ShortReference"/> spells it for the
/// portal and everything else.
/// </summary>
public static class CitizenReference
{
    /// <summary>The citizen reference of an item.</summary>
    public static string For(WorkItem item) => ShortReference.For(item);
}
