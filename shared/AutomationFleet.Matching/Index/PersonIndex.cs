using AutomationFleet.Matching.Blocking;
using AutomationFleet.Matching.Normalisation;
using AutomationFleet.Matching.Records;
using AutomationFleet.Matching.Scoring;

namespace AutomationFleet.Matching.Index;

/// <summary>
/// The case records one incoming person is looked up among: every record normalised once, a lookup table per blocking
/// rule, and the fitted model. <see cref="Find"/> compares the person only with the records that share a blocking key
/// (tens, not thousands) and ranks them, each with its explanation. Build with <see cref="Build"/>, keep with
/// <see cref="PersonIndexFile"/>.
/// </summary>
public sealed class PersonIndex
{
    // Blocks bigger than this say little (a common surname-year pair in a million records): skipped at query time too.
    private const int MaxBlock = 1000;

    private readonly NormalisedPerson[] _people;
    private readonly BlockTable[] _blocks;
    private readonly MatchScorer _scorer;
    private readonly PersonNormaliser _normaliser = new();

    private PersonIndex(IReadOnlyList<PersonRecord> records, NormalisedPerson[] people, MatchModel model, string fittedBy, PersonIndexSource source)
    {
        Records = records;
        Model = model;
        FittedBy = fittedBy;
        Source = source;
        _people = people;
        _blocks = BlockingRules.Default.Select(rule => BlockingRules.Blocks(people, rule.Key, MaxBlock)).ToArray();
        _scorer = new MatchScorer(model, ComparisonSet.Default);
    }

    /// <summary>The records, as read from the extract (personal data: never log them).</summary>
    public IReadOnlyList<PersonRecord> Records { get; }

    /// <summary>The model the index scores with; its prior is one record in <see cref="Count"/>.</summary>
    public MatchModel Model { get; }

    /// <summary>How the m probabilities were found: <c>em</c>, or <c>defaults</c> when the extract held too few duplicates to fit them.</summary>
    public string FittedBy { get; }

    /// <summary>The extract the index was built from, to tell when it has changed.</summary>
    public PersonIndexSource Source { get; }

    /// <summary>How many records are indexed.</summary>
    public int Count => _people.Length;

    /// <summary>
    /// Builds the index from an extract's records, fitted by <see cref="ModelTrainer"/> on the records' own blocked
    /// pairs (EM when the extract holds enough duplicates, else default m values). The prior is 1/N: the person is one
    /// of N records, if any.
    /// </summary>
    public static PersonIndex Build(IReadOnlyList<PersonRecord> records, PersonIndexSource source)
    {
        ArgumentNullException.ThrowIfNull(records);
        var people = Normalise(records);

        // No blocked pairs for the prior: the index replaces it with 1/N below, and m and u do not depend on them. Their
        // union over a million records is tens of millions of pairs (gigabytes, minutes) for a number thrown away.
        var trained = ModelTrainer.Train(people, null, [], ComparisonSet.Default, MaxBlock);
        var prior = 1.0 / Math.Max(2, records.Count);
        return new PersonIndex(records, people, trained.Model with { Lambda = prior }, trained.FittedBy, source);
    }

    /// <summary>Loads a kept index: the records are normalised again, the model is used as kept (not refitted).</summary>
    internal static PersonIndex Restore(IReadOnlyList<PersonRecord> records, MatchModel model, string fittedBy, PersonIndexSource source) =>
        new(records, Normalise(records), model, fittedBy, source);

    // Normalised once per index, with the term frequencies of this extract.
    private static NormalisedPerson[] Normalise(IReadOnlyList<PersonRecord> records)
    {
        var people = new PersonNormaliser().NormaliseAll(records);
        TermFrequencies.Count(people).Assign(people);
        return people;
    }

    /// <summary>The records <paramref name="person"/> may be, best first, at most <paramref name="max"/>, each explained.</summary>
    public IReadOnlyList<IndexMatch> Find(PersonRecord person, int max)
    {
        ArgumentNullException.ThrowIfNull(person);
        var query = _normaliser.Normalise(person);
        var seen = new HashSet<int>();
        for (var r = 0; r < _blocks.Length; r++)
        {
            if (BlockingRules.Default[r].Key(query) is { } key)
            {
                foreach (var i in _blocks[r].Find(key).Span)
                {
                    seen.Add(i);
                }
            }
        }

        return seen
            .Select(i => (Index: i, Bits: _scorer.Score(query, _people[i])))
            .OrderByDescending(c => c.Bits)
            .Take(max)
            .Select(c => new IndexMatch(Records[c.Index], _scorer.Explain(query, _people[c.Index])))
            .ToList();
    }
}

/// <summary>One candidate record and why it scored what it scored.</summary>
public sealed record IndexMatch(PersonRecord Record, MatchExplanation Explanation);

/// <summary>The extract an index came from: its path, size and SHA-256, so a changed extract is noticed.</summary>
public sealed record PersonIndexSource(string Path, long Length, string Sha256, DateTimeOffset BuiltAt);
