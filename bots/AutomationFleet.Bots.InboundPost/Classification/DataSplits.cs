namespace AutomationFleet.Bots.InboundPost.Classification;

/// <summary>Reproducible stratified splits.</summary>
public static class DataSplits
{
    /// <summary>
    /// Puts round(<paramref name="fraction"/> × n) examples of every label (at least one when a label has two or more)
    /// into the second part, chosen by a seeded shuffle; the rest into the first.
    /// </summary>
    public static (IReadOnlyList<LabelledText> Remainder, IReadOnlyList<LabelledText> HeldOut) Stratified(IReadOnlyList<LabelledText> examples, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var random = new Random(seed);
        var rest = new List<LabelledText>();
        var heldOut = new List<LabelledText>();
        foreach (var group in examples.GroupBy(e => e.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            random.Shuffle(items);
            var take = (int)Math.Round(items.Length * fraction);
            if (take == 0 && items.Length >= 2 && fraction > 0)
            {
                take = 1;
            }

            heldOut.AddRange(items.Take(take));
            rest.AddRange(items.Skip(take));
        }

        return (rest, heldOut);
    }
}
