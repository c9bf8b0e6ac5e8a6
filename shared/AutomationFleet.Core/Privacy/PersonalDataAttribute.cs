using Microsoft.Extensions.Compliance.Classification;

namespace AutomationFleet.Core.Privacy;

/// <summary>
/// Marks a value as <see cref="FleetTaxonomy.PersonalData"/>. On a parameter of a source-generated
/// <c>[LoggerMessage]</c> method it makes the redactor, not the call site, keep the value out of the log.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue, AllowMultiple = false)]
public sealed class PersonalDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the value as <see cref="FleetTaxonomy.PersonalData"/>.</summary>
    public PersonalDataAttribute()
        : base(FleetTaxonomy.PersonalData)
    {
    }
}
