namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>
/// The person a new case record is opened for (personal data: never logged). The system requires a name and a complete
/// date of birth; the address may follow later.
/// </summary>
/// <param name="GivenName">Given name.</param>
/// <param name="Surname">Surname.</param>
/// <param name="DateOfBirth">Date of birth; written in <see cref="NewPersonPageOptions.DateFormat"/>.</param>
/// <param name="Address">Address lines, if known.</param>
/// <param name="Postcode">Postcode, if known.</param>
public sealed record NewPersonRequest(string GivenName, string Surname, DateOnly DateOfBirth, string? Address, string? Postcode);

/// <summary>What <see cref="NewPersonStep"/> delivers: a new person and the first note on their record.</summary>
/// <param name="Person">The person to open a record for.</param>
/// <param name="Note">The first note, without the reference line.</param>
public sealed record NewPersonAndNote(NewPersonRequest Person, string Note);
