namespace AutomationFleet.Bots.InboundPost.Reading;

/// <summary>
/// What could be read from an item: its pages, the attachments that were refused, and what the mail source could not
/// read from an e-mailed item (its payload's <c>problems</c>: empty or over-size message, unknown charset, …).
/// </summary>
public sealed record PostText(IReadOnlyList<PostPage> Pages, IReadOnlyList<PostRejection> Rejections)
{
    public IReadOnlyList<string> MailProblems { get; init; } = [];

    public string Text => string.Join("\n\n", Pages.Select(p => p.Text));

    public bool HasText => Pages.Any(p => !string.IsNullOrWhiteSpace(p.Text));

    public bool AnyOcr => Pages.Any(p => p.Source == "Ocr");

    /// <summary>Mean word confidence over OCR'd pages, or null when nothing was OCR'd.</summary>
    public double? OcrMeanConfidence
    {
        get
        {
            var words = Pages.Where(p => p.Source == "Ocr").SelectMany(p => p.Words).ToList();
            return AnyOcr ? (words.Count == 0 ? 0 : words.Average(w => w.Confidence)) : null;
        }
    }
}
