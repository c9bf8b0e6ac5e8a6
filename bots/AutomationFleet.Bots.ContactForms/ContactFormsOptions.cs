using System.ComponentModel.DataAnnotations;

namespace AutomationFleet.Bots.ContactForms;

/// <summary>
/// The contact-form bot's settings, bound from the <c>ContactForms</c> section. The person index it matches against is
/// the fleet's, configured in <c>CaseRecords</c> (<see cref="AutomationFleet.Matching.Index.CaseRecordsOptions"/>).
/// </summary>
public sealed class ContactFormsOptions
{
    public const string SectionName = "ContactForms";

    /// <summary>The queue the bot consumes; inbound post hands <c>adult-social-care-contact</c> letters here. Default <c>contact-forms</c>.</summary>
    [Required]
    public string Queue { get; set; } = "contact-forms";

    /// <summary>
    /// The council service the forms are for, put on review tasks so reviewers granted that service see them. Default
    /// <c>Adult Social Care front door</c>, the service the taxonomy routes <c>adult-social-care-contact</c> post to.
    /// </summary>
    [Required]
    public string Service { get; set; } = "Adult Social Care front door";

    /// <summary>
    /// How far the best candidate's probability must be above the next one's for the match to be automatic (two records
    /// both likely are a duplicate in the case system or twins: a person decides). Default 0.5.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinimumMargin { get; set; } = 0.5;

    /// <summary>How many ranked candidates a reviewer is shown. Default 5.</summary>
    [Range(1, 50)]
    public int MaxCandidates { get; set; } = 5;

    /// <summary>
    /// What happens to a form whose person resembles no case record: <see cref="NewPersonModes.Review"/> (default: a
    /// person decides) or <see cref="NewPersonModes.Create"/> (a web form or JSON file with a given name, surname and
    /// complete date of birth is proposed as a new person, and the fleet opens the record and writes the first note;
    /// OCR-read letters and incomplete forms still go to a person).
    /// </summary>
    public string NewPerson { get; set; } = NewPersonModes.Review;

    /// <summary>Whether <see cref="NewPerson"/> is <see cref="NewPersonModes.Create"/>.</summary>
    public bool CreatesNewPeople => string.Equals(NewPerson, NewPersonModes.Create, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The values of <see cref="ContactFormsOptions.NewPerson"/>.</summary>
public static class NewPersonModes
{
    /// <summary>A person decides whether the form is about someone new, as for any unclear form.</summary>
    public const string Review = "Review";

    /// <summary>A complete, typed form about someone new is decided automatically and their record is opened.</summary>
    public const string Create = "Create";
}
