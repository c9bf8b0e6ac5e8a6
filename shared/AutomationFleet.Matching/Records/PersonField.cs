namespace AutomationFleet.Matching.Records;

/// <summary>The standard column names of a person file, as written in a CSV header or a column mapping.</summary>
public static class PersonField
{
    /// <summary>The record's identifier; the only required column.</summary>
    public const string Id = "id";

    /// <summary>Forename (first given name; middle names are ignored when matching).</summary>
    public const string GivenName = "given_name";

    /// <summary>Family name.</summary>
    public const string Surname = "surname";

    /// <summary>Date of birth, YYYY-MM-DD (other common layouts are accepted, see <c>BirthDate</c>).</summary>
    public const string DateOfBirth = "date_of_birth";

    /// <summary>Sex or gender as recorded.</summary>
    public const string Sex = "sex";

    /// <summary>Address line(s): house number and street first.</summary>
    public const string Address = "address";

    /// <summary>Postcode.</summary>
    public const string Postcode = "postcode";

    /// <summary>Telephone number.</summary>
    public const string Phone = "phone";

    /// <summary>E-mail address.</summary>
    public const string Email = "email";

    /// <summary>NHS number (ten digits, modulus-11 check digit).</summary>
    public const string NhsNumber = "nhs_number";

    /// <summary>
    /// Another identifier both sides hold in the same scheme (a National Insurance number, a social-security or client
    /// number); compared as written, letters and digits only.
    /// </summary>
    public const string OtherId = "other_id";

    /// <summary>All standard columns, in file order.</summary>
    public static IReadOnlyList<string> All { get; } = [Id, GivenName, Surname, DateOfBirth, Sex, Address, Postcode, Phone, Email, NhsNumber, OtherId];
}
