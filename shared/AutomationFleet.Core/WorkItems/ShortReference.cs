using System.Globalization;

namespace AutomationFleet.Core.WorkItems;

/// <summary>
/// The short reference of an item (<c>AF-000123</c>): its store id, unique like its full reference but short enough to
/// read out on the phone. People see it first (letters, mails, the portal); the full reference stays one click away.
/// The one place it is spelt.
/// </summary>
public static class ShortReference
{
    /// <summary>What every short reference starts with.</summary>
    public const string Prefix = "AF-";

    /// <summary>The short reference of the item with this store id.</summary>
    public static string For(long itemId) => Prefix + itemId.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The short reference of an item.</summary>
    public static string For(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return For(item.Id);
    }

    /// <summary>The store id in a short reference (<c>AF-000123</c> or <c>af-123</c>, surrounding spaces ignored), or false.</summary>
    public static bool TryParse(string? text, out long itemId)
    {
        itemId = 0;
        var trimmed = text?.Trim();
        return trimmed is not null
            && trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(trimmed.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out itemId)
            && itemId > 0;
    }
}
