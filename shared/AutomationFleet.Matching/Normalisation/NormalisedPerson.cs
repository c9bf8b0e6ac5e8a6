namespace AutomationFleet.Matching.Normalisation;

/// <summary>
/// A person with every field in compared form, computed once per record so the comparison loop only reads.
/// The term frequencies are set by <see cref="TermFrequencies.Assign"/> from the data the model scores.
/// </summary>
public sealed class NormalisedPerson
{
    /// <summary>The source record's id.</summary>
    public required string Id { get; init; }

    /// <summary>First given name, normalised.</summary>
    public required string GivenName { get; init; }

    /// <summary>Nickname groups of the given name.</summary>
    public required int[] GivenNameGroups { get; init; }

    /// <summary>Surname, normalised.</summary>
    public required string Surname { get; init; }

    /// <summary>Soundex of the surname (blocking).</summary>
    public required string SurnameSoundex { get; init; }

    /// <summary>Soundex of the given name (blocking).</summary>
    public required string GivenNameSoundex { get; init; }

    /// <summary>Date of birth (parts may be unknown).</summary>
    public required BirthDate DateOfBirth { get; init; }

    /// <summary>'m', 'f' or '\0' when unknown.</summary>
    public required char Sex { get; init; }

    /// <summary>Address line.</summary>
    public required AddressLine Address { get; init; }

    /// <summary>Postcode.</summary>
    public required Postcode Postcode { get; init; }

    /// <summary>Phone in E.164.</summary>
    public required string Phone { get; init; }

    /// <summary>E-mail, lower case.</summary>
    public required string Email { get; init; }

    /// <summary>A valid NHS number, or "".</summary>
    public required string NhsNumber { get; init; }

    /// <summary>Another identifier, upper-case letters and digits only, or "".</summary>
    public required string OtherId { get; init; }

    /// <summary>Share of records with this given name (0 until assigned).</summary>
    public double GivenNameFrequency { get; set; }

    /// <summary>Share of records with this surname.</summary>
    public double SurnameFrequency { get; set; }

    /// <summary>Share of records with this postcode.</summary>
    public double PostcodeFrequency { get; set; }
}
