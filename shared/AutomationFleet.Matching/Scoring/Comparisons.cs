using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Matching.Scoring;

/// <summary>
/// Given name: exact, one edit, nickname, Jaro–Winkler ≥ 0.9, two edits, swapped with the surname (exactly or with a
/// typo), initial only, different. Two neighbouring letters swapped count as one edit.
/// </summary>
public sealed class GivenNameComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "given_name";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["exact", "one edit", "nickname", "jaro-winkler >= 0.9", "two edits", "swapped with surname", "initial", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b)
    {
        var x = a.GivenName;
        var y = b.GivenName;
        if (x.Length == 0 || y.Length == 0)
        {
            return Missing;
        }

        if (x == y)
        {
            return 0;
        }

        var edits = StringSimilarity.EditsWithSwaps(x, y, 2);
        if (edits == 1 && Math.Min(x.Length, y.Length) >= 3)
        {
            return 1;
        }

        if (NicknameTable.ShareGroup(a.GivenNameGroups, b.GivenNameGroups))
        {
            return 2;
        }

        if (StringSimilarity.JaroWinkler(x, y) >= 0.9)
        {
            return 3;
        }

        if (edits == 2 && Math.Min(x.Length, y.Length) >= 5)
        {
            return 4;
        }

        if (NameComparison.Swapped(a.GivenName, a.Surname, b.GivenName, b.Surname))
        {
            return 5;
        }

        if ((x.Length == 1 || y.Length == 1) && x[0] == y[0])
        {
            return 6;
        }

        return 7;
    }

    /// <inheritdoc />
    public override double ExactValueShare(NormalisedPerson a, NormalisedPerson b) => Math.Max(a.GivenNameFrequency, b.GivenNameFrequency);
}

/// <summary>
/// Surname: exact, one edit, Jaro–Winkler ≥ 0.9, two edits, swapped with the given name (exactly or with a typo),
/// different. Two neighbouring letters swapped count as one edit.
/// </summary>
public sealed class SurnameComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "surname";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["exact", "one edit", "jaro-winkler >= 0.9", "two edits", "swapped with given name", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b)
    {
        var x = a.Surname;
        var y = b.Surname;
        if (x.Length == 0 || y.Length == 0)
        {
            return Missing;
        }

        if (x == y)
        {
            return 0;
        }

        var edits = StringSimilarity.EditsWithSwaps(x, y, 2);
        if (edits == 1 && Math.Min(x.Length, y.Length) >= 3)
        {
            return 1;
        }

        if (StringSimilarity.JaroWinkler(x, y) >= 0.9)
        {
            return 2;
        }

        if (edits == 2 && Math.Min(x.Length, y.Length) >= 5)
        {
            return 3;
        }

        if (NameComparison.Swapped(a.Surname, a.GivenName, b.Surname, b.GivenName))
        {
            return 4;
        }

        return 5;
    }

    /// <inheritdoc />
    public override double ExactValueShare(NormalisedPerson a, NormalisedPerson b) => Math.Max(a.SurnameFrequency, b.SurnameFrequency);
}

/// <summary>What the two name comparisons share.</summary>
internal static class NameComparison
{
    /// <summary>
    /// Whether the names were typed into each other's boxes, seen from one name box (<paramref name="name"/> and
    /// <paramref name="theirName"/>; <paramref name="other"/> and <paramref name="theirOther"/> are the other box): a
    /// cross pair agrees, and so does the other cross pair unless a side of it is missing. One cross agreement alone
    /// ("Hannah Laverty" against "Kyle Hanna") is one shared word, and both name comparisons would count it, once each.
    /// </summary>
    public static bool Swapped(string name, string other, string theirName, string theirOther) =>
        (Near(name, theirOther) && (other.Length == 0 || theirName.Length == 0 || Near(other, theirName)))
        || (Near(theirName, other) && (theirOther.Length == 0 || name.Length == 0 || Near(theirOther, name)));

    /// <summary>
    /// The same name, or the same with one slip (one edit or two letters swapped, in names of three letters or more;
    /// Jaro–Winkler ≥ 0.9): a name typed into the other name's box is typed with the same errors as anywhere else.
    /// </summary>
    public static bool Near(string x, string y)
    {
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }

        return x == y || (Math.Min(x.Length, y.Length) >= 3 && StringSimilarity.EditsWithSwaps(x, y, 1) <= 1) || StringSimilarity.JaroWinkler(x, y) >= 0.9;
    }
}

/// <summary>
/// Date of birth: exact, day and month swapped, one digit different, same year and month, same day and month with a
/// year missing, same year, within ten years, more than ten years apart. A typo rarely moves a date by decades, so the
/// last level is strong evidence against (a parent and child of the same name at the same address differ only there).
/// A partial date (a missing day or month) reaches at best "same year and month" or "same year"; with a year missing,
/// only agreeing day and month count, anything else is missing.
/// </summary>
public sealed class DateOfBirthComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "date_of_birth";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } =
        ["exact", "day and month swapped", "one digit different", "same year and month", "same day and month, year missing", "same year", "within ten years", "more than ten years apart"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b)
    {
        var x = a.DateOfBirth;
        var y = b.DateOfBirth;
        if (x.Year == 0 || y.Year == 0)
        {
            return x.Month != 0 && x.Day != 0 && x.Month == y.Month && x.Day == y.Day ? 4 : Missing;
        }

        if (x.IsComplete && y.IsComplete)
        {
            if (x == y)
            {
                return 0;
            }

            if (x.Year == y.Year && x.Month == y.Day && x.Day == y.Month)
            {
                return 1;
            }

            if (DigitsDifferent(x.Digits, y.Digits) == 1)
            {
                return 2;
            }
        }

        if (x.Year == y.Year)
        {
            return x.Month != 0 && x.Month == y.Month ? 3 : 5;
        }

        return Math.Abs(x.Year - y.Year) <= 10 ? 6 : 7;
    }

    private static int DigitsDifferent(int x, int y)
    {
        var different = 0;
        for (var i = 0; i < 8; i++)
        {
            if (x % 10 != y % 10)
            {
                different++;
            }

            x /= 10;
            y /= 10;
        }

        return different;
    }
}

/// <summary>
/// Where the person lives: address line and postcode compared as one, because they are not independent (the same
/// house has the same postcode) and counting both separately made a whole household look like one person. Levels: same
/// address and postcode; same address, postcode near or missing; same postcode, address near or missing; same postcode,
/// another address; same address line in another postcode (street names repeat across towns); near (postcode sector
/// or half the address words); different.
/// </summary>
public sealed class LocationComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "location";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } =
    [
        "same address and postcode", "same address, postcode near or missing", "same postcode, address near or missing",
        "same postcode, another address", "same address, another postcode", "near", "different",
    ];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b)
    {
        var address = CompareAddress(a.Address, b.Address);
        var postcode = ComparePostcode(a.Postcode, b.Postcode);
        if (address == Place.Missing && postcode == Place.Missing)
        {
            return Missing;
        }

        return (address, postcode) switch
        {
            (Place.Same, Place.Same) => 0,
            (Place.Same, Place.Near or Place.Missing) => 1,
            (Place.Near or Place.Missing, Place.Same) => 2,
            (Place.Different, Place.Same) => 3,
            (Place.Same, Place.Different) => 4,
            (Place.Near, _) or (_, Place.Near) => 5,
            _ => 6,
        };
    }

    /// <inheritdoc />
    public override double ExactValueShare(NormalisedPerson a, NormalisedPerson b) => Math.Max(a.PostcodeFrequency, b.PostcodeFrequency);

    private enum Place
    {
        Same,
        Near,
        Different,
        Missing,
    }

    // Same: the whole line, or house number and street; near: half the words, or the line with a slip or two.
    private static Place CompareAddress(AddressLine x, AddressLine y)
    {
        if (x.Full.Length == 0 || y.Full.Length == 0)
        {
            return Place.Missing;
        }

        if (x.Full == y.Full || (x.HouseNumber.Length > 0 && x.HouseNumber == y.HouseNumber && x.Street.Length > 0 && StringSimilarity.JaroWinkler(x.Street, y.Street) >= 0.9))
        {
            return Place.Same;
        }

        // A misspelt one-word address (a town typed "Lvpreool") shares no token: the letters still agree. Jaro–Winkler
        // misses a slip in the middle of a short word ("Loodon" is 0.86 from "London"), the edit count does not.
        if (SharedShare(x.TokenHashes, y.TokenHashes) >= 0.5 || StringSimilarity.JaroWinkler(x.Full, y.Full) >= 0.88)
        {
            return Place.Near;
        }

        var allowed = Math.Min(x.Full.Length, y.Full.Length) >= 5 ? 2 : 1;
        return StringSimilarity.EditsWithSwaps(x.Full, y.Full, allowed) <= allowed ? Place.Near : Place.Different;
    }

    // Same: exact; near: one character different, or the same UK sector.
    private static Place ComparePostcode(Postcode x, Postcode y)
    {
        if (x.Full.Length == 0 || y.Full.Length == 0)
        {
            return Place.Missing;
        }

        if (x.Full == y.Full)
        {
            return Place.Same;
        }

        return StringSimilarity.Levenshtein(x.Full, y.Full, 1) <= 1 || (x.Sector.Length > 0 && x.Sector == y.Sector) ? Place.Near : Place.Different;
    }

    // Jaccard similarity of two sorted hash arrays, by merging.
    private static double SharedShare(ulong[] x, ulong[] y)
    {
        int i = 0, j = 0, shared = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (x[i] < y[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var union = x.Length + y.Length - shared;
        return union == 0 ? 0 : shared / (double)union;
    }
}

/// <summary>Sex: same, different.</summary>
public sealed class SexComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "sex";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["same", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b) => a.Sex == '\0' || b.Sex == '\0' ? Missing : a.Sex == b.Sex ? 0 : 1;
}

/// <summary>Phone (E.164): exact, different.</summary>
public sealed class PhoneComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "phone";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["exact", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b) => a.Phone.Length == 0 || b.Phone.Length == 0 ? Missing : a.Phone == b.Phone ? 0 : 1;
}

/// <summary>
/// E-mail: exact, one edit, same user name (before the @), two edits, near (Jaro–Winkler ≥ 0.9: typos in both parts),
/// different. Two neighbouring characters swapped count as one edit.
/// </summary>
public sealed class EmailComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "email";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["exact", "one edit", "same user name", "two edits", "near", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b)
    {
        var x = a.Email;
        var y = b.Email;
        if (x.Length == 0 || y.Length == 0)
        {
            return Missing;
        }

        if (x == y)
        {
            return 0;
        }

        var edits = StringSimilarity.EditsWithSwaps(x, y, 2);
        if (edits <= 1)
        {
            return 1;
        }

        var xs = x.AsSpan(0, x.IndexOf('@', StringComparison.Ordinal));
        var ys = y.AsSpan(0, y.IndexOf('@', StringComparison.Ordinal));
        if (xs.SequenceEqual(ys))
        {
            return 2;
        }

        if (edits == 2)
        {
            return 3;
        }

        return StringSimilarity.JaroWinkler(x, y) >= 0.9 ? 4 : 5;
    }
}

/// <summary>NHS number (valid ones only): exact, different.</summary>
public sealed class NhsNumberComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "nhs_number";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["exact", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b) => a.NhsNumber.Length == 0 || b.NhsNumber.Length == 0 ? Missing : a.NhsNumber == b.NhsNumber ? 0 : 1;
}

/// <summary>
/// Another identifier: exact, one slip of the keyboard (one character different, or two neighbours swapped, in an
/// identifier of five or more characters), different.
/// </summary>
public sealed class OtherIdComparison : FieldComparison
{
    /// <inheritdoc />
    public override string Name => "other_id";

    /// <inheritdoc />
    public override IReadOnlyList<string> Levels { get; } = ["exact", "one character different or two swapped", "different"];

    /// <inheritdoc />
    public override int Compare(NormalisedPerson a, NormalisedPerson b)
    {
        var x = a.OtherId;
        var y = b.OtherId;
        if (x.Length == 0 || y.Length == 0)
        {
            return Missing;
        }

        if (x == y)
        {
            return 0;
        }

        return Math.Min(x.Length, y.Length) >= 5 && (StringSimilarity.Levenshtein(x, y, 1) <= 1 || NeighboursSwapped(x, y)) ? 1 : 2;
    }

    private static bool NeighboursSwapped(string x, string y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        var first = 0;
        while (first < x.Length && x[first] == y[first])
        {
            first++;
        }

        return first + 1 < x.Length && x[first] == y[first + 1] && x[first + 1] == y[first] && x.AsSpan(first + 2).SequenceEqual(y.AsSpan(first + 2));
    }
}
