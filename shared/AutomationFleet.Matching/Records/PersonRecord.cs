namespace AutomationFleet.Matching.Records;

/// <summary>
/// One person as a source file holds it, before normalisation. Every field but <see cref="Id"/> may be empty.
/// <see cref="DateOfBirth"/> is kept as text because partial dates (a missing day) are common in council extracts.
/// </summary>
public sealed record PersonRecord(
    string Id,
    string GivenName = "",
    string Surname = "",
    string DateOfBirth = "",
    string Sex = "",
    string Address = "",
    string Postcode = "",
    string Phone = "",
    string Email = "",
    string NhsNumber = "",
    string OtherId = "");
