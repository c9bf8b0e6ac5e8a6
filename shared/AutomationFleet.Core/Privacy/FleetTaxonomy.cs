using Microsoft.Extensions.Compliance.Classification;

namespace AutomationFleet.Core.Privacy;

/// <summary>
/// The fleet's data classes. A value classified <see cref="PersonalData"/> is erased by the redactor before any log sink
/// sees it (issue 13 §3); the hosts register that redactor once, in the worker's <c>FleetLogging</c>.
/// </summary>
public static class FleetTaxonomy
{
    /// <summary>The taxonomy's name.</summary>
    public const string Name = "AutomationFleet";

    /// <summary>
    /// Anything that names or identifies a person: names, addresses, e-mail addresses, postcodes, NHS numbers, dates
    /// of birth, and text that may quote them.
    /// </summary>
    public static DataClassification PersonalData { get; } = new(Name, nameof(PersonalData));
}
