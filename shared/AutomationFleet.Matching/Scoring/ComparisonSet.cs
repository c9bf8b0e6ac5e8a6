using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// The field comparisons a model is made of, and the packing of one pair's levels into a 64-bit pattern (4 bits per
/// field, 15 = missing) so EM works on counts of distinct patterns rather than on every pair.
/// </summary>
public sealed class ComparisonSet
{
    private const int MissingCode = 15;

    /// <summary>Creates a set; at most 16 comparisons of at most 15 levels.</summary>
    public ComparisonSet(IReadOnlyList<FieldComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        if (comparisons.Count > 16 || comparisons.Any(c => c.Levels.Count > MissingCode))
        {
            throw new ArgumentException("at most 16 comparisons of at most 15 levels", nameof(comparisons));
        }

        Comparisons = comparisons.ToArray();
    }

    /// <summary>Every person field: names, date of birth, sex, location (address and postcode), phone, e-mail, NHS number, other identifier.</summary>
    public static ComparisonSet Default { get; } = new(
    [
        new GivenNameComparison(), new SurnameComparison(), new DateOfBirthComparison(), new SexComparison(), new LocationComparison(),
        new PhoneComparison(), new EmailComparison(), new NhsNumberComparison(), new OtherIdComparison(),
    ]);

    /// <summary>The comparisons, in pattern order.</summary>
    public FieldComparison[] Comparisons { get; }

    /// <summary>The level of every comparison for one pair, packed.</summary>
    public ulong Pattern(NormalisedPerson a, NormalisedPerson b)
    {
        ulong pattern = 0;
        for (var k = 0; k < Comparisons.Length; k++)
        {
            var level = Comparisons[k].Compare(a, b);
            pattern |= (ulong)(level < 0 ? MissingCode : level) << (4 * k);
        }

        return pattern;
    }

    /// <summary>The level of comparison <paramref name="k"/> in <paramref name="pattern"/>, or <see cref="FieldComparison.Missing"/>.</summary>
    public static int LevelOf(ulong pattern, int k)
    {
        var code = (int)((pattern >> (4 * k)) & 0xF);
        return code == MissingCode ? FieldComparison.Missing : code;
    }
}
