namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// How common each given name, surname and postcode is in the data being matched. An exact agreement on a rare value
/// is stronger evidence than on a common one (Smith vs Featherstonehaugh); the scorer adjusts by these shares.
/// </summary>
public sealed class TermFrequencies
{
    // Records holding each field: a share is of the records that have a value, as u is of the pairs where both have one.
    private readonly int _givenNamesHeld;
    private readonly int _surnamesHeld;
    private readonly int _postcodesHeld;

    /// <summary>Creates the tables from counts (persisted with an index).</summary>
    public TermFrequencies(Dictionary<string, int> givenNames, Dictionary<string, int> surnames, Dictionary<string, int> postcodes, int total)
    {
        GivenNames = givenNames;
        Surnames = surnames;
        Postcodes = postcodes;
        Total = Math.Max(total, 1);
        _givenNamesHeld = Math.Max(givenNames.Values.Sum(), 1);
        _surnamesHeld = Math.Max(surnames.Values.Sum(), 1);
        _postcodesHeld = Math.Max(postcodes.Values.Sum(), 1);
    }

    /// <summary>Given-name counts.</summary>
    public Dictionary<string, int> GivenNames { get; }

    /// <summary>Surname counts.</summary>
    public Dictionary<string, int> Surnames { get; }

    /// <summary>Postcode counts.</summary>
    public Dictionary<string, int> Postcodes { get; }

    /// <summary>Number of records counted.</summary>
    public int Total { get; }

    /// <summary>Counts the values of <paramref name="people"/>.</summary>
    public static TermFrequencies Count(IEnumerable<NormalisedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var surnames = new Dictionary<string, int>(StringComparer.Ordinal);
        var postcodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var p in people)
        {
            total++;
            Increment(given, p.GivenName);
            Increment(surnames, p.Surname);
            Increment(postcodes, p.Postcode.Full);
        }

        return new TermFrequencies(given, surnames, postcodes, total);
    }

    /// <summary>Writes each person's value shares onto it (a value not counted is taken as seen once).</summary>
    public void Assign(IEnumerable<NormalisedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        foreach (var p in people)
        {
            p.GivenNameFrequency = Share(GivenNames, _givenNamesHeld, p.GivenName);
            p.SurnameFrequency = Share(Surnames, _surnamesHeld, p.Surname);
            p.PostcodeFrequency = Share(Postcodes, _postcodesHeld, p.Postcode.Full);
        }
    }

    // Of the records with a value, not of all records: u's exact agreement is among pairs where both sides have a value,
    // so dividing by every record made a value look rarer, by the share missing (a quarter missing: +0.4 bits), and
    // every exact agreement stronger than it is.
    private static double Share(Dictionary<string, int> counts, int held, string value) => value.Length == 0 ? 0 : Math.Max(counts.GetValueOrDefault(value), 1) / (double)held;

    private static void Increment(Dictionary<string, int> counts, string value)
    {
        if (value.Length > 0)
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }
}
