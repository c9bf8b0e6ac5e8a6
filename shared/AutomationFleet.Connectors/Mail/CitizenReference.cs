using System.Globalization;
using AutomationFleet.Core.WorkItems;

namespace AutomationFleet.Connectors.Mail;

/// <summary>
/// The short reference a person is given (<c>AF-000123</c>): the item's store id, which is unique like
/// its full reference but can be read out on the phone.
/// </summary>
public static class CitizenReference
{
    /// <summary>The citizen reference of an item.</summary>
    public static string For(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return "AF-" + item.Id.ToString("D6", CultureInfo.InvariantCulture);
    }
}
