using AutomationFleet.Connectors.CaseNotes;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// The contact-form bot's outcome: whose record the form is about and the note to write there. Personal data: the note
/// is the sender's message; it is stored with the item and written to the case record, never logged.
/// </summary>
/// <param name="Decision"><see cref="ContactFormDecisions.Match"/> or <see cref="ContactFormDecisions.NewPerson"/>.</param>
/// <param name="CaseRecordId">The matched case record (null for a new person).</param>
/// <param name="Probability">The match probability of that record (the reviewer's choice keeps the engine's figure).</param>
/// <param name="Note">The case note's text, without the reference line the connector adds.</param>
/// <param name="NewRecord">
/// For a new person the fleet opens a record for (<c>ContactForms:NewPerson</c> Create): who, as the form gave them.
/// Null for a match, and for a new person the bot did not propose (a reviewer's choice), whose record the
/// case-management team opens.
/// </param>
public sealed record ContactFormOutcome(string Decision, string? CaseRecordId, double Probability, string Note, NewPersonRequest? NewRecord = null);

/// <summary>What the bot decided about the person.</summary>
public static class ContactFormDecisions
{
    /// <summary>The form is about an existing case record: a note is written there.</summary>
    public const string Match = "match";

    /// <summary>
    /// No case record is this person. With <see cref="ContactFormOutcome.NewRecord"/> the fleet opens the record and
    /// writes the note on it; without (a reviewer's choice) the case-management team opens one.
    /// </summary>
    public const string NewPerson = "new-person";
}
