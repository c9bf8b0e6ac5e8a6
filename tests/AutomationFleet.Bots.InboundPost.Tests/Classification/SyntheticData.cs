using AutomationFleet.Bots.InboundPost.Classification;

namespace AutomationFleet.Bots.InboundPost.Tests.Classification;

/// <summary>Small generated council-post examples: each category has its own vocabulary plus shared filler words.</summary>
internal static class SyntheticData
{
    private static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["waste"] = ["bin", "collection", "recycling", "missed", "rubbish", "refuse", "lorry"],
        ["highways"] = ["pothole", "road", "pavement", "streetlight", "junction", "tarmac", "kerb"],
        ["blue_badge"] = ["badge", "parking", "disabled", "renewal", "blue", "mobility", "permit"],
    };

    private static readonly string[] Filler = ["please", "help", "the", "my", "council", "thank", "you", "street", "again", "week"];

    public static IReadOnlyList<string> Labels => [.. Vocabulary.Keys];

    public static List<LabelledText> Generate(int perCategory, int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabelledText>();
        foreach (var (label, words) in Vocabulary)
        {
            for (var i = 0; i < perCategory; i++)
            {
                var tokens = Enumerable.Range(0, 3).Select(_ => words[random.Next(words.Length)])
                    .Concat(Enumerable.Range(0, 4).Select(_ => Filler[random.Next(Filler.Length)]))
                    .OrderBy(_ => random.Next())
                    .ToList();
                examples.Add(new LabelledText(string.Join(' ', tokens), label, $"{label}-{i}"));
            }
        }

        return examples;
    }

    /// <summary>
    /// Like <see cref="Generate"/> but each category word is, with probability <paramref name="confusion"/>, taken from
    /// another category's vocabulary, so a classifier makes real mistakes on unseen texts.
    /// </summary>
    public static List<LabelledText> GenerateOverlapping(int perCategory, int seed, double confusion = 0.35)
    {
        var random = new Random(seed);
        var labels = Vocabulary.Keys.ToArray();
        var examples = new List<LabelledText>();
        foreach (var (label, words) in Vocabulary)
        {
            for (var i = 0; i < perCategory; i++)
            {
                var tokens = Enumerable.Range(0, 3)
                    .Select(_ => random.NextDouble() < confusion ? Vocabulary[labels[random.Next(labels.Length)]] : words)
                    .Select(source => source[random.Next(source.Length)])
                    .Concat(Enumerable.Range(0, 4).Select(_ => Filler[random.Next(Filler.Length)]))
                    .OrderBy(_ => random.Next())
                    .ToList();
                examples.Add(new LabelledText(string.Join(' ', tokens), label, $"{label}-{i}"));
            }
        }

        return examples;
    }
}
