namespace AutomationFleet.Bots.InboundPost.Extraction;

/// <summary>
/// Finds references, postcodes, dates of birth, NHS numbers, e-mail addresses and phone numbers in a document.
/// Pure: no I/O; the only outside input is the clock, which dates of birth are checked against.
/// </summary>
public sealed class Extractor
{
    private readonly ExtractionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ReferenceRecogniser _references;

    /// <summary>Creates an extractor; the reference patterns are compiled once here.</summary>
    /// <exception cref="ArgumentException">A reference pattern is not a valid regular expression.</exception>
    public Extractor(ExtractionOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
        _references = new ReferenceRecogniser(options.ReferencePatterns);
    }

    /// <summary>
    /// Every field found, in text order. Where two candidates claim the same characters, the more confident one
    /// is kept (a ten-digit number is not both an NHS number and a phone number).
    /// </summary>
    public IReadOnlyList<ExtractedField> Extract(ExtractionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text ?? "";
        var candidates = new List<FieldCandidate>();
        _references.Find(text, candidates);
        PostcodeRecogniser.Find(text, _options.RecogniseBfpo, candidates);
        DateOfBirthRecogniser.Find(text, _options.DateOfBirthCueWindow, DateOnly.FromDateTime(_timeProvider.GetLocalNow().DateTime), candidates);
        NhsNumberRecogniser.Find(text, candidates);
        EmailRecogniser.Find(text, candidates);
        PhoneRecogniser.Find(text, candidates);

        var kept = new List<FieldCandidate>();
        foreach (var candidate in candidates
            .OrderByDescending(c => c.Confidence)
            .ThenByDescending(c => c.Length)
            .ThenBy(c => c.Start))
        {
            if (!kept.Exists(k => k.Overlaps(candidate)))
            {
                kept.Add(candidate);
            }
        }

        var map = input.Words is { Count: > 0 } words ? new WordMap(text, words) : null;
        var fields = new List<ExtractedField>(kept.Count);
        foreach (var candidate in kept.OrderBy(c => c.Start).ThenBy(c => c.Kind, StringComparer.Ordinal))
        {
            int? page = null;
            BoundingBox? box = null;
            var confidence = candidate.Confidence;
            if (map is not null && map.TryLocate(candidate.Start, candidate.Length, out var wordPage, out var wordBox, out var wordConfidence))
            {
                page = wordPage;
                box = wordBox;
                confidence *= wordConfidence;
            }

            fields.Add(new ExtractedField(
                candidate.Kind,
                candidate.Value,
                text.Substring(candidate.Start, candidate.Length),
                confidence,
                candidate.Start,
                candidate.Length,
                page,
                box));
        }

        return fields;
    }
}
