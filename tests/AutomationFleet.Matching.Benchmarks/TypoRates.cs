namespace AutomationFleet.Matching.Benchmarks;

/// <summary>
/// How often each kind of error is put into a copy of a person (each drawn independently per copy). The defaults are
/// rough shares seen in council contact forms against case records; the benchmark reports accuracy at these rates.
/// </summary>
public sealed record TypoRates
{
    /// <summary>One edit (substitution, deletion, insertion or transposition) in the given name or the surname.</summary>
    public double NameTypo { get; init; } = 0.10;

    /// <summary>The given name replaced by another of its nickname group (Bill for William), when it has one.</summary>
    public double Nickname { get; init; } = 0.15;

    /// <summary>Day and month of birth swapped, when the day is 12 or less and differs from the month.</summary>
    public double DayMonthSwap { get; init; } = 0.03;

    /// <summary>A new address and postcode.</summary>
    public double MovedHouse { get; init; } = 0.10;

    /// <summary>One or two of phone, e-mail, NHS number, sex, address or date of birth left out.</summary>
    public double MissingField { get; init; } = 0.15;

    /// <summary>No errors at all: the copy is the person as generated.</summary>
    public static TypoRates None { get; } = new() { NameTypo = 0, Nickname = 0, DayMonthSwap = 0, MovedHouse = 0, MissingField = 0 };
}

/// <summary>The errors put into one copy.</summary>
[Flags]
public enum Corruption
{
    /// <summary>An exact copy.</summary>
    None = 0,

    /// <summary>See <see cref="TypoRates.NameTypo"/>.</summary>
    NameTypo = 1,

    /// <summary>See <see cref="TypoRates.Nickname"/>.</summary>
    Nickname = 2,

    /// <summary>See <see cref="TypoRates.DayMonthSwap"/>.</summary>
    DayMonthSwap = 4,

    /// <summary>See <see cref="TypoRates.MovedHouse"/>.</summary>
    MovedHouse = 8,

    /// <summary>See <see cref="TypoRates.MissingField"/>.</summary>
    MissingField = 16,
}
