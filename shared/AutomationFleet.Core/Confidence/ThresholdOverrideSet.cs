namespace AutomationFleet.Core.Confidence;

/// <summary>An immutable snapshot of the threshold overrides in force, looked up by bot and category (case-insensitive).</summary>
public sealed class ThresholdOverrideSet
{
    private readonly Dictionary<string, ThresholdOverride> _byKey;

    /// <summary>Indexes the overrides given.</summary>
    public ThresholdOverrideSet(IEnumerable<ThresholdOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        _byKey = new Dictionary<string, ThresholdOverride>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in overrides)
        {
            _byKey[Key(entry.Bot, entry.Category)] = entry;
        }

        All = [.. _byKey.Values.OrderBy(o => o.Bot, StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Category ?? "", StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>No overrides: configuration alone decides.</summary>
    public static ThresholdOverrideSet Empty { get; } = new([]);

    /// <summary>Every override, by bot then category (the bot's own first).</summary>
    public IReadOnlyList<ThresholdOverride> All { get; }

    /// <summary>The override for the bot and category (null category: the bot's own threshold), or null.</summary>
    public ThresholdOverride? Find(string bot, string? category) => _byKey.GetValueOrDefault(Key(bot, category));

    // A separator that cannot appear in a configured name, so ("a", "b/c") and ("a/b", "c") never meet.
    private static string Key(string bot, string? category) => bot + "\u001f" + (category ?? string.Empty);
}
