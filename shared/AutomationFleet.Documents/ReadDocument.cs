namespace AutomationFleet.Documents;

/// <summary>The text read from one document, page by page.</summary>
/// <param name="Format">What the content turned out to be.</param>
/// <param name="Pages">The pages in order.</param>
public sealed record ReadDocument(DocumentFormat Format, IReadOnlyList<ReadPage> Pages)
{
    /// <summary>All pages' text, pages separated by a form feed.</summary>
    public string Text => string.Join('\f', Pages.Select(p => p.Text));

    /// <summary>Mean word confidence over all pages (0..1), weighted by word count; 1 when no words.</summary>
    public double MeanConfidence
    {
        get
        {
            var words = Pages.SelectMany(p => p.Words).ToList();
            return words.Count == 0 ? 1.0 : words.Average(w => w.Confidence);
        }
    }
}
