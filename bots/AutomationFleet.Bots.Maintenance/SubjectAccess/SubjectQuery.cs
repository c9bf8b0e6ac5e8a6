using System.Globalization;
using AutomationFleet.Matching.Normalisation;

namespace AutomationFleet.Bots.Maintenance.SubjectAccess;

/// <summary>
/// Who a subject access request is about, normalised the way the fleet's matching normalises people (names, dates of
/// birth, NHS numbers: <c>AutomationFleet.Matching.Normalisation</c>): an exact NHS number, or a name and a date of birth.
/// </summary>
public sealed class SubjectQuery
{
    private SubjectQuery(string kind, string? nhsNumber, IReadOnlyList<string> nameTokens, BirthDate birthDate)
    {
        Kind = kind;
        NhsNumber = nhsNumber;
        NameTokens = nameTokens;
        BirthDate = birthDate;
    }

    /// <summary>The search kind, the only part of the query that is ever logged or audited.</summary>
    public string Kind { get; }

    /// <summary>The ten digits, for an NHS-number search.</summary>
    public string? NhsNumber { get; }

    /// <summary>The normalised name tokens, for a name search; every one must be among a record's name tokens.</summary>
    public IReadOnlyList<string> NameTokens { get; }

    /// <summary>The date of birth, for a name search.</summary>
    public BirthDate BirthDate { get; }

    /// <summary>An NHS-number search, or null when the text is not a valid NHS number (ten digits, modulus-11 check).</summary>
    public static SubjectQuery? ByNhsNumber(string text)
    {
        var digits = Matching.Normalisation.NhsNumber.Normalise(text);
        return digits.Length == 0 ? null : new SubjectQuery("nhs-number", digits, [], default);
    }

    /// <summary>A name and date-of-birth search, or null when the name has no letters or the date is not a whole date.</summary>
    public static SubjectQuery? ByNameAndBirthDate(string name, string dateOfBirth)
    {
        var tokens = NameNormaliser.Tokens(name);
        return tokens.Length == 0 || !BirthDate.TryParse(dateOfBirth, out var date) || !date.IsComplete
            ? null
            : new SubjectQuery("name-and-date-of-birth", null, tokens, date);
    }

    /// <summary>
    /// What the store's text search looks for: the NHS number as written with and without spaces or dashes, or the date of
    /// birth in the layouts the fleet's sources write it in. It only narrows; <see cref="SubjectMatcher"/> decides.
    /// </summary>
    public IReadOnlyList<string> SearchTerms()
    {
        if (NhsNumber is { } n)
        {
            return [n, $"{n[..3]} {n[3..6]} {n[6..]}", $"{n[..3]}-{n[3..6]}-{n[6..]}"];
        }

        var date = new DateOnly(BirthDate.Year, BirthDate.Month, BirthDate.Day);
        string[] layouts = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy", "yyyyMMdd", "d MMMM yyyy", "d MMM yyyy"];
        return [.. layouts.Select(l => date.ToString(l, CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal)];
    }
}
