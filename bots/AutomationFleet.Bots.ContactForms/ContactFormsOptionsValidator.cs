using AutomationFleet.Connectors.CaseNotes;
using Microsoft.Extensions.Options;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// Checks <c>ContactForms:NewPerson</c>: it must be Review or Create, and Create needs the case-management system's
/// new-person pages described (when the connector is on). Reports every failure, naming the setting.
/// </summary>
public sealed class ContactFormsOptionsValidator(IOptions<CaseManagementOptions> caseManagement) : IValidateOptions<ContactFormsOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactFormsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Setting = $"{ContactFormsOptions.SectionName}:NewPerson";
        var failures = new List<string>();
        string[] modes = [NewPersonModes.Review, NewPersonModes.Create];
        if (!modes.Contains(options.NewPerson, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{Setting} is '{options.NewPerson}'; it must be {NewPersonModes.Review} (a person decides about a form that matches no one) or {NewPersonModes.Create} (the fleet opens the record).");
        }
        else if (options.CreatesNewPeople && caseManagement.Value.Enabled)
        {
            failures.AddRange(CaseManagementOptionsValidator.NewPersonProblems(caseManagement.Value).Select(p => $"{Setting} is {NewPersonModes.Create}, but {p}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
