using AutomationFleet.Bots.FinancialAssessments.Calculation;

namespace AutomationFleet.PublicSite.Estimate;

/// <summary>The estimate, or what stops it: each problem with the form field it is in (for the error summary's links).</summary>
public sealed record ChargeEstimate(ChargeBreakdown? Breakdown, IReadOnlyList<FormError> Errors)
{
    public bool Succeeded => Breakdown is not null && Errors.Count == 0;
}

/// <summary>One problem: the id of the field to fix and what to do, in plain words.</summary>
public sealed record FormError(string FieldId, string Message);
