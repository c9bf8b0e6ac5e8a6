using AutomationFleet.Matching.Records;

namespace AutomationFleet.Matching.Normalisation;

/// <summary>Turns a <see cref="PersonRecord"/> into a <see cref="NormalisedPerson"/>.</summary>
public sealed class PersonNormaliser
{
    private readonly NicknameTable _nicknames;

    /// <summary>Creates a normaliser with a nickname table (the shipped one when null).</summary>
    public PersonNormaliser(NicknameTable? nicknames = null)
    {
        _nicknames = nicknames ?? NicknameTable.Default;
    }

    /// <summary>Normalises one record. An impossible date of birth becomes unknown (the reader has already reported it).</summary>
    public NormalisedPerson Normalise(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var given = NameNormaliser.GivenName(record.GivenName);
        var surname = NameNormaliser.Surname(record.Surname);
        _ = BirthDate.TryParse(record.DateOfBirth, out var dateOfBirth);
        var sex = record.Sex.Trim().ToLowerInvariant() switch
        {
            "m" or "male" or "man" => 'm',
            "f" or "female" or "woman" => 'f',
            _ => '\0',
        };

        return new NormalisedPerson
        {
            Id = record.Id,
            GivenName = given,
            GivenNameGroups = _nicknames.GroupsOf(given),
            Surname = surname,
            SurnameSoundex = Soundex.Of(surname),
            GivenNameSoundex = Soundex.Of(given),
            DateOfBirth = dateOfBirth,
            Sex = sex,
            Address = AddressLine.Parse(record.Address),
            Postcode = Postcode.Parse(record.Postcode),
            Phone = PhoneNumberNormaliser.Normalise(record.Phone),
            Email = EmailAddress.Normalise(record.Email),
            NhsNumber = Normalisation.NhsNumber.Normalise(record.NhsNumber),
            OtherId = string.Concat(record.OtherId.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant(),
        };
    }

    /// <summary>Normalises many records on all cores, in order.</summary>
    public NormalisedPerson[] NormaliseAll(IReadOnlyList<PersonRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var result = new NormalisedPerson[records.Count];
        Parallel.For(0, records.Count, i => result[i] = Normalise(records[i]));
        return result;
    }
}
