namespace AutomationFleet.Connectors.CaseNotes;

/// <summary>Opens a new person's case record in the case-management system, at most once per reference.</summary>
public interface ICaseRecordCreator
{
    /// <summary>
    /// One attempt: sign in if asked, search for a record carrying <paramref name="reference"/> and reuse it if there
    /// is one; else refuse if someone with the same name and date of birth is already there (a person decides), else
    /// fill and save the new-person form and read back the new case-record id. Throws <see cref="CaseManagementException"/>
    /// on failure (with a screenshot and trace); run it under the fleet's <c>web</c> pipeline (<see cref="NewPersonStep"/> is).
    /// </summary>
    Task<NewPersonResult> CreateAsync(NewPersonRequest person, string reference, CancellationToken cancellationToken);
}
