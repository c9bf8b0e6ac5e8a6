using System.Collections.Concurrent;
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
    public NormalisedPerson Normalise(PersonRecord record) => Normalise(record, null);

    /// <summary>
    /// Normalises many records on all cores, in order. Values that repeat across records (names, Soundex keys, house
    /// numbers, streets, postcodes) are held once per distinct value rather than once per record: at a million records
    /// that is a few hundred megabytes less for the person index to hold.
    /// </summary>
    public NormalisedPerson[] NormaliseAll(IReadOnlyList<PersonRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var result = new NormalisedPerson[records.Count];
        var shared = new SharedValues();
        Parallel.For(0, records.Count, i => result[i] = Normalise(records[i], shared));
        return result;
    }

    private NormalisedPerson Normalise(PersonRecord record, SharedValues? shared)
    {
        ArgumentNullException.ThrowIfNull(record);
        var given = NameNormaliser.GivenName(record.GivenName);
        var surname = NameNormaliser.Surname(record.Surname);
        var address = AddressLine.Parse(record.Address);
        var postcode = Postcode.Parse(record.Postcode);
        var surnameSoundex = Soundex.Of(surname);
        var givenNameSoundex = Soundex.Of(given);
        if (shared is not null)
        {
            given = shared.Of(given);
            surname = shared.Of(surname);
            surnameSoundex = shared.Of(surnameSoundex);
            givenNameSoundex = shared.Of(givenNameSoundex);
            address = address.HouseNumber.Length == 0 && address.Street.Length == 0
                ? address
                : address with { HouseNumber = shared.Of(address.HouseNumber), Street = shared.Of(address.Street) };
            postcode = shared.Of(postcode);
        }

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
            SurnameSoundex = surnameSoundex,
            GivenNameSoundex = givenNameSoundex,
            DateOfBirth = dateOfBirth,
            Sex = sex,
            Address = address,
            Postcode = postcode,
            Phone = PhoneNumberNormaliser.Normalise(record.Phone),
            Email = EmailAddress.Normalise(record.Email),
            NhsNumber = Normalisation.NhsNumber.Normalise(record.NhsNumber),
            OtherId = string.Concat(record.OtherId.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant(),
        };
    }

    // One instance per distinct value, shared by the threads of one NormaliseAll.
    private sealed class SharedValues
    {
        private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Postcode> _postcodes = new(StringComparer.Ordinal);

        public string Of(string value) => value.Length == 0 ? value : _strings.GetOrAdd(value, value);

        // A postcode's district and sector are shared by thousands of postcodes: one string each, not one per person
        // (about 65 MB at a million people, where nearly every postcode is distinct).
        public Postcode Of(Postcode postcode) => postcode.Full.Length == 0
            ? postcode
            : _postcodes.GetOrAdd(postcode.Full, static (_, p) => p.Shared with { District = p.Values.Of(p.Shared.District), Sector = p.Values.Of(p.Shared.Sector) }, (Shared: postcode, Values: this));
    }
}
