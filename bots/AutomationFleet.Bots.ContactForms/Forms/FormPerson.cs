namespace AutomationFleet.Bots.ContactForms.Forms;

/// <summary>
/// The person a contact form names, as the sender gave them (personal data: never log it). Any field may be missing.
/// Dates of birth are kept as given; the matching engine reads the formats people write.
/// </summary>
public sealed record FormPerson(
    string? GivenName = null,
    string? Surname = null,
    string? DateOfBirth = null,
    string? Sex = null,
    string? Address = null,
    string? Postcode = null,
    string? Phone = null,
    string? Email = null,
    string? NhsNumber = null)
{
    /// <summary>Whether the form names anyone at all: a name, or an identifier a record can be found by.</summary>
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(GivenName) && string.IsNullOrWhiteSpace(Surname) && string.IsNullOrWhiteSpace(NhsNumber)
        && string.IsNullOrWhiteSpace(DateOfBirth) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone);
}
