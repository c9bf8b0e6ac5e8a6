namespace AutomationFleet.Bots.IncidentReports.Deduplication;

/// <summary>
/// A cheap measure of how alike two reports' words are, 0–1: the mean of two cosines, one over their words and one over
/// the letter trigrams of their words (so "pot hole" is close to "pothole" and a typo costs a trigram or two, not the
/// word), each with sublinear counts and the little words (the, on, near, outside, …) left out. Microseconds per pair,
/// against milliseconds for the sentence encoder, so <see cref="DuplicateFinder"/> uses it to decide the clear cases and
/// keeps the encoder for the pairs it cannot call.
/// </summary>
public static class WordOverlap
{
    // Words that say nothing about what was seen: articles, pronouns, place fillers (the place is compared apart).
    private static readonly HashSet<string> Little = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "is", "it", "its", "it's", "on", "in", "at", "of", "to", "by", "for", "from", "with", "as",
        "has", "have", "had", "been", "be", "are", "was", "were", "there", "this", "that", "these", "those", "here", "near", "outside",
        "number", "no", "my", "i", "we", "our", "you", "your", "they", "their", "someone", "some", "again", "please", "just", "very",
        "so", "now", "also", "can", "will", "would", "could", "about", "like", "up", "all", "every", "one",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LittleBySpan = Little.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How alike <paramref name="a"/> and <paramref name="b"/> are, from 0 (no word or trigram shared) to 1.</summary>
    public static double Similarity(string a, string b) => Similarity(Features.Of(a), Features.Of(b));

    /// <summary>As <see cref="Similarity(string, string)"/>, for texts already counted (an open incident compared with many reports).</summary>
    public static double Similarity(Features a, Features b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (Cosine(a.Words, a.WordNorm, b.Words, b.WordNorm) + Cosine(a.Trigrams, a.TrigramNorm, b.Trigrams, b.TrigramNorm)) / 2;
    }

    private static double Cosine(Dictionary<int, int> a, double normA, Dictionary<int, int> b, double normB)
    {
        if (normA == 0 || normB == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        double dot = 0;
        foreach (var (key, count) in small)
        {
            if (large.TryGetValue(key, out var other))
            {
                dot += Weight(count) * Weight(other);
            }
        }

        return dot / (normA * normB);
    }

    private static double Weight(int count) => count == 1 ? 1 : 1 + Math.Log(count);

    /// <summary>A text's words and letter trigrams, weighted 1 + ln(count), with their norms.</summary>
    public sealed class Features
    {
        private Features(Dictionary<int, int> words, Dictionary<int, int> trigrams)
        {
            Words = words;
            Trigrams = trigrams;
            WordNorm = Norm(words);
            TrigramNorm = Norm(trigrams);
        }

        internal Dictionary<int, int> Words { get; }

        internal Dictionary<int, int> Trigrams { get; }

        internal double WordNorm { get; }

        internal double TrigramNorm { get; }

        /// <summary>Counts the words and trigrams of <paramref name="text"/> (lower-cased; letters, digits and apostrophes).</summary>
        public static Features Of(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            var words = new Dictionary<int, int>();
            var trigrams = new Dictionary<int, int>();
            Span<char> padded = stackalloc char[66];
            var lower = text.ToLowerInvariant().AsSpan();
            var i = 0;
            while (i < lower.Length)
            {
                while (i < lower.Length && !IsWordChar(lower[i]))
                {
                    i++;
                }

                var start = i;
                while (i < lower.Length && IsWordChar(lower[i]))
                {
                    i++;
                }

                var word = lower[start..i].Trim('\'');
                if (word.IsEmpty || word.Length > 64 || LittleBySpan.Contains(word))
                {
                    continue;
                }

                Add(words, string.GetHashCode(word, StringComparison.Ordinal));

                // "_word_": the edges count, so a word's start and end weigh as much as its middle.
                padded[0] = '_';
                word.CopyTo(padded[1..]);
                padded[word.Length + 1] = '_';
                var span = padded[..(word.Length + 2)];
                for (var g = 0; g + 3 <= span.Length; g++)
                {
                    Add(trigrams, string.GetHashCode(span.Slice(g, 3), StringComparison.Ordinal));
                }
            }

            return new Features(words, trigrams);
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'';

        private static void Add(Dictionary<int, int> counts, int key) =>
            counts[key] = counts.GetValueOrDefault(key) + 1;

        private static double Norm(Dictionary<int, int> counts)
        {
            double sum = 0;
            foreach (var count in counts.Values)
            {
                var weight = Weight(count);
                sum += weight * weight;
            }

            return Math.Sqrt(sum);
        }
    }
}
