namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>
/// Places character spans of the text on pages: each word is found in the text in order, and a span maps to the
/// words it overlaps. Words that cannot be found near where the previous one ended are left out, not guessed.
/// </summary>
internal sealed class WordMap
{
    // How far past the previous word a word may start (the reader may put line breaks, columns or headers between).
    private const int SearchSlack = 400;

    private readonly List<(int Start, int End, SourceWord Word)> _spans = [];

    public WordMap(string text, IReadOnlyList<SourceWord> words)
    {
        var position = 0;
        foreach (var word in words)
        {
            if (string.IsNullOrEmpty(word.Text))
            {
                continue;
            }

            var count = Math.Min(text.Length - position, word.Text.Length + SearchSlack);
            var index = count <= 0 ? -1 : text.IndexOf(word.Text, position, count, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            _spans.Add((index, index + word.Text.Length, word));
            position = index + word.Text.Length;
        }
    }

    /// <summary>The page, box and lowest word confidence of the span, or false if it covers no known word.</summary>
    public bool TryLocate(int start, int length, out int page, out BoundingBox box, out double confidence)
    {
        page = 0;
        box = default;
        confidence = 1;
        var end = start + length;
        var first = FirstEndingAfter(start);
        var found = false;
        for (var i = first; i < _spans.Count && _spans[i].Start < end; i++)
        {
            var word = _spans[i].Word;
            var wordBox = new BoundingBox(word.Left, word.Top, word.Right, word.Bottom);
            confidence = Math.Min(confidence, Math.Clamp(word.Confidence, 0, 1));
            if (!found)
            {
                page = word.Page;
                box = wordBox;
                found = true;
            }
            else if (word.Page == page)
            {
                box = box.Union(wordBox);
            }
        }

        return found;
    }

    private int FirstEndingAfter(int position)
    {
        int low = 0, high = _spans.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_spans[mid].End <= position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
