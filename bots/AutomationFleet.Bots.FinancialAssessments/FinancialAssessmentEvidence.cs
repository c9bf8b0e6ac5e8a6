using AutomationFleet.Bots.FinancialAssessments.Calculation;

namespace AutomationFleet.Bots.FinancialAssessments;

/// <summary>
/// What a reviewer sees: how the form came (<see cref="Channel"/>, read by OCR or typed), the document as a draft
/// (complete, or with what could be read; the review form turns it into fields), what is wrong with it, and the
/// breakdown when the charge could be worked out.
/// </summary>
public sealed record FinancialAssessmentEvidence(
    string Channel,
    bool ReadByOcr,
    string Draft,
    IReadOnlyList<string> Problems,
    ChargeBreakdown? Breakdown);
